using Microsoft.Extensions.Options;
using Npgsql;

namespace CertManager.Core.Storage.Providers;

/// <summary>Refuses a PostgreSQL choice without a usable connection string, naming the key to set; never repeats the string itself.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string Keys = "CertManager:Database:ConnectionString (environment CertManager__Database__ConnectionString) or CertManager:Database:ConnectionStringFile";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.PostgreSql)
        {
            return ValidateOptionsResult.Success;
        }

        var hasString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasFile = !string.IsNullOrWhiteSpace(options.ConnectionStringFile);
        if (hasString && hasFile)
        {
            return ValidateOptionsResult.Fail(
                "CertManager:Database:ConnectionString and CertManager:Database:ConnectionStringFile are both set: keep one of them, so that it is clear which database the console uses.");
        }

        if (!hasString && !hasFile)
        {
            return ValidateOptionsResult.Fail(
                $"CertManager:Database:Provider is PostgreSql but no connection string is given: set {Keys}, " +
                "e.g. 'Host=db.example.com;Database=certmanager;Username=certmanager;Password=...'.");
        }

        if (hasFile && !File.Exists(options.ConnectionStringFile))
        {
            return ValidateOptionsResult.Fail(
                $"CertManager:Database:ConnectionStringFile names '{options.ConnectionStringFile}', which does not exist: create it (mode 0600, owned by the service account) with the connection string as its only content.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString());
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                return ValidateOptionsResult.Fail($"The PostgreSQL connection string ({Keys}) must name Host and Database.");
            }
        }
        catch (ArgumentException)
        {
            // The exception text may quote the string, password included: only the key is named.
            return ValidateOptionsResult.Fail($"The PostgreSQL connection string ({Keys}) is not valid: write it as 'Host=...;Port=5432;Database=...;Username=...;Password=...'.");
        }

        return ValidateOptionsResult.Success;
    }
}
