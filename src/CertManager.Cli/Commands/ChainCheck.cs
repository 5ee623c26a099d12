using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// What <c>certman inspect</c> and <c>certman verify</c> share: the chain doctor over files, without a console.
/// Without <c>--data-dir</c> the services point at a directory that does not exist and is never created, so only
/// the system's roots are trusted; with it, that console's trust store is used too. Nothing is written either way.
/// </summary>
internal static class ChainCheck
{
    /// <summary>The files to examine and how: their password, the roots to trust, the time and the names to check.</summary>
    public sealed record Request(
        IReadOnlyList<ImportInput> Inputs,
        string? Password,
        string? TrustFile,
        DateTimeOffset? At,
        IReadOnlyList<string> HostNames,
        string? DataDirectory);

    /// <summary>
    /// The chain doctor's report, or the problems that stopped it with the exit code they mean:
    /// a missing data directory is exit 1, an unusable trust file exit 2.
    /// </summary>
    public static async Task<(ChainReport? Report, DateTimeOffset At, IReadOnlyList<Problem> Problems, int ExitCode)> ExamineAsync(Request request, CancellationToken cancellationToken)
    {
        if (request.DataDirectory is { } dataDirectory && !Directory.Exists(dataDirectory))
        {
            return (null, default, [CliErrors.DataDirectoryMissing(dataDirectory)], ExitCodes.Failure);
        }

        // A path nobody creates: TrustStore finds no trusted-roots.pem there, and nothing else is resolved.
        var directory = request.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"certman-no-data-directory-{Guid.NewGuid():N}");
        await using var services = ConsoleServices.Create(directory);
        var importer = services.GetRequiredService<CertificateImporter>();

        X509Certificate2Collection? trusted = null;
        if (request.TrustFile is { } trustFile)
        {
            var roots = ReadTrustFile(importer, trustFile);
            if (!roots.Succeeded)
            {
                return (null, default, roots.Problems, ExitCodes.InvalidInput);
            }

            trusted = roots.Value;
        }

        using var material = importer.Import(request.Inputs, request.Password);
        // The time is fixed here, so that the report names the time the path was checked at.
        var at = request.At ?? services.GetRequiredService<TimeProvider>().GetUtcNow();
        var options = new ChainValidationOptions { TrustedRoots = trusted, At = at, HostNames = request.HostNames, HostNamesRequired = request.HostNames.Count > 0 };
        using var examination = await services.GetRequiredService<ChainDoctor>().ExamineChainAsync(material, options, cancellationToken);
        return (examination.Report, at, [], ExitCodes.Success);
    }

    /// <summary>The roots in <c>--trust</c>: PEM (one or many), DER or PKCS#7, read by the same importer as the inputs.</summary>
    private static Result<X509Certificate2Collection> ReadTrustFile(CertificateImporter importer, string path)
    {
        var read = InputFiles.Read([(path, ImportSlot.Intermediates)]);
        if (!read.Succeeded)
        {
            return Result<X509Certificate2Collection>.Failure(read.Problems);
        }

        var material = importer.ImportTrustBundle(read.Value);
        var errors = material.Problems.Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0 || material.Certificates.Count == 0)
        {
            material.Dispose();
            return Result<X509Certificate2Collection>.Failure(errors.Count > 0 ? errors : [CliErrors.TrustFileEmpty(path)]);
        }

        foreach (var key in material.Keys)
        {
            key.Key?.Dispose();
        }

        return Result<X509Certificate2Collection>.Success(new X509Certificate2Collection(material.Certificates.Select(c => c.Certificate).ToArray()));
    }
}
