using CertManager.Core.Storage.Providers;
using CertManager.Testing;

namespace CertManager.Core.Tests.Storage.Providers;

/// <summary>A PostgreSQL choice needs one usable connection string; the message names the key and never repeats the string.</summary>
public sealed class DatabaseOptionsValidatorTests : IDisposable
{
    private const string Password = "s3cret-Passw0rd";
    private readonly TempDirectory _directory = new("certmanager-dboptions");
    private readonly DatabaseOptionsValidator _validator = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Validate_SqliteWithoutConnectionString_Succeeds()
    {
        Assert.True(_validator.Validate(null, new DatabaseOptions()).Succeeded);
    }

    [Fact]
    public void Validate_PostgreSqlWithoutConnectionString_FailsNamingTheKeys()
    {
        var result = _validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql });

        Assert.True(result.Failed);
        Assert.Contains("CertManager:Database:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("CertManager__Database__ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ConnectionStringFile", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithBothStringAndFile_Fails()
    {
        var file = Path.Combine(_directory.Path, "connection");
        File.WriteAllText(file, $"Host=127.0.0.1;Database=certmanager;Password={Password}");

        var result = _validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=x", ConnectionStringFile = file });

        Assert.True(result.Failed);
        Assert.Contains("both set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithMissingFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(_directory.Path, "absent");

        var result = _validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionStringFile = missing });

        Assert.True(result.Failed);
        Assert.Contains(missing, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlWithMalformedString_FailsWithoutRepeatingIt()
    {
        var result = _validator.Validate(null, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = $"Host=127.0.0.1;Database=x;Password={Password};Nonsense Key=1" });

        Assert.True(result.Failed);
        Assert.DoesNotContain(Password, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("not valid", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgreSqlFromFile_ReadsTheFile()
    {
        var file = Path.Combine(_directory.Path, "connection");
        File.WriteAllText(file, $"Host=127.0.0.1;Database=certmanager;Password={Password}\n");
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionStringFile = file };

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.Equal($"Host=127.0.0.1;Database=certmanager;Password={Password}", options.ResolveConnectionString());
    }
}
