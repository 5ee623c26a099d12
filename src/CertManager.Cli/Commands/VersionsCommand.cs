using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary><c>certman versions</c>: the installed versions, newest first, the active one marked, for <c>certman activate</c>.</summary>
internal static class VersionsCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory (its CertManager:DataDirectory).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON on stdout." };
        var command = new Command("versions", "List the installed certificate versions, newest first; * marks the one presented.");
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, services => Task.FromResult(List(services.GetRequiredService<CertificateStore>(), asJson)), cancellationToken);
        });
        return command;
    }

    private static int List(CertificateStore store, bool json)
    {
        var active = store.ReadActiveVersion();
        var versions = new List<VersionJson>();
        foreach (var version in store.ListInstalledVersions())
        {
            using var loaded = store.LoadInstalledVersion(version);
            var certificate = loaded.Certificate;
            versions.Add(new VersionJson(
                version,
                version == active,
                certificate.SubjectText(),
                CertificateJson.Timestamp(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero)),
                CertificateDetailsReader.FormatHex(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256))));
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new VersionsJson(active, versions), CliJsonContext.Output.VersionsJson));
        }
        else
        {
            foreach (var version in versions)
            {
                Console.Out.WriteLine($"{(version.Active ? "*" : " ")} {version.Version}  {version.Subject}  expires {version.NotAfter}");
            }
        }

        if (active == CertificateStore.DefaultVersion)
        {
            Console.Error.WriteLine("The self-signed default certificate is presented.");
        }

        return ExitCodes.Success;
    }
}
