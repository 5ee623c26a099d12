using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Install;
using CertManager.Core.Storage;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Security;

namespace CertManager.Web.Api;

/// <summary><c>/api/v1/certificate/versions</c>: the installed versions kept for rollback, and presenting one again.</summary>
internal static class VersionsApi
{
    public static RouteGroupBuilder MapVersionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/certificate/versions", List)
            .RequireScope(ApiScopes.CertificateRead)
            .WithName("ListCertificateVersions")
            .WithSummary("The installed certificate versions, oldest first; 'active' marks the one presented.")
            .Produces<IReadOnlyList<VersionResource>>();
        api.MapPost("/certificate/versions/{version}/activate", ActivateAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .WithName("ActivateCertificateVersion")
            .WithSummary("Presents an installed version again (rollback), from the next TLS handshake.")
            .Produces<InstalledCertificate>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static List<VersionResource> List(CertificateStore store)
    {
        var active = store.ReadActiveVersion();
        var versions = new List<VersionResource>();
        foreach (var version in store.ListInstalledVersions())
        {
            using var loaded = store.LoadInstalledVersion(version);
            var certificate = loaded.Certificate;
            versions.Add(new VersionResource(
                version,
                version == active,
                certificate.SubjectText(),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256))));
        }

        return versions;
    }

    private static async Task<IResult> ActivateAsync(string version, HttpContext context, CertificateInstaller installer, CancellationToken cancellationToken)
    {
        var result = await installer.ActivateVersionAsync(version, context.User.ActorName(), cancellationToken);
        return result.Succeeded ? Results.Ok(result.Value) : ApiProblems.From(result);
    }
}
