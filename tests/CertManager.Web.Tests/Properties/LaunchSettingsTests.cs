using System.Text.Json;
using CertManager.Testing;

namespace CertManager.Web.Tests.Properties;

/// <summary>
/// `dotnet run` takes the first "Project" profile of launchSettings.json: the README's run command must start the
/// console as it runs in production, not with developer error pages.
/// </summary>
public sealed class LaunchSettingsTests
{
    [Fact]
    public void DefaultProfile_DotnetRunFromTheReadme_StartsInProduction()
    {
        var path = Path.Combine(RepositoryPaths.Root, "src", "CertManager.Web", "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(path));

        var first = settings.RootElement.GetProperty("profiles").EnumerateObject()
            .First(p => p.Value.GetProperty("commandName").GetString() == "Project");

        Assert.Equal("Production", first.Value.GetProperty("environmentVariables").GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Contains("dotnet run --project src/CertManager.Web\n", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
    }
}
