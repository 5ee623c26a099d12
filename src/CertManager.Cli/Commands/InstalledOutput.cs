using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Install;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>How <c>install</c>, <c>uninstall</c> and <c>activate</c> report the certificate now presented: the version on stdout (or JSON), a sentence on stderr.</summary>
internal static class InstalledOutput
{
    public static int Write(InstalledCertificate installed, IReadOnlyList<Problem> warnings, string sentence, bool json)
    {
        ProblemWriter.Write(warnings);
        Console.Error.WriteLine($"{sentence} {installed.Subject} (SHA-256 {installed.Sha256Fingerprint}), version {installed.Version}. A running console presents it within two seconds.");
        Console.Out.WriteLine(json
            ? JsonSerializer.Serialize(new InstalledJson(installed.Version, installed.Subject, installed.Sha256Fingerprint, ProblemJson.From(warnings)), CliJsonContext.Output.InstalledJson)
            : installed.Version);
        return ExitCodes.Success;
    }
}
