using System.Text;
using CertManager.Core.Csr;
using CertManager.Web.Security;

namespace CertManager.Web.Hosting;

/// <summary>
/// Serves a pending CSR as a file, so the browser can save it for the CA. Components hold no file I/O: the page
/// links here and the PEM comes from <see cref="PendingRequestStore"/>.
/// </summary>
public static class CsrDownloadEndpoint
{
    /// <summary>The CSR form on the Web Server Certificate tab.</summary>
    public const string PagePath = WebHostingExtensions.CertificateTabPath + "/csr";

    /// <summary>RFC 5967 registers application/pkcs10 for PKCS#10 requests, PEM or DER.</summary>
    public const string ContentType = "application/pkcs10";

    public static string PathFor(long pendingRequestId) => $"{PagePath}/{pendingRequestId}.csr";

    public static IEndpointRouteBuilder MapCsrDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PagePath + "/{id:long}.csr", DownloadAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Administrator));
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(long id, PendingRequestStore store, CancellationToken cancellationToken)
    {
        var request = await store.GetAsync(id, cancellationToken);
        var pem = await store.GetCsrPemAsync(id, cancellationToken);
        if (!request.Succeeded || !pem.Succeeded)
        {
            // Discarded or never existed: the problem's message says so.
            return Results.NotFound(request.Problems.Concat(pem.Problems).First().Message);
        }

        return Results.File(Encoding.ASCII.GetBytes(pem.Value), ContentType, CsrFileName.For(id, request.Value.AlternateNames));
    }
}
