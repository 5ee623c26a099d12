using CertManager.Core.Chain;
using CertManager.Core.Tokens;
using CertManager.Core.Trust;

namespace CertManager.Web.Api;

/// <summary><c>/api/v1/trust/roots</c>: the enterprise roots an administrator added to the console's trust store.</summary>
internal static class TrustApi
{
    public static RouteGroupBuilder MapTrustApi(this RouteGroupBuilder api)
    {
        api.MapGet("/trust/roots", List)
            .RequireScope(ApiScopes.CertificateRead)
            .WithName("ListTrustedRoots")
            .WithSummary("The roots added to the console's trust store (the system's roots are trusted too and not listed).")
            .Produces<IReadOnlyList<CertificateSummary>>();
        return api;
    }

    private static IReadOnlyList<CertificateSummary> List(TrustStore trustStore)
    {
        var roots = trustStore.GetConsoleRoots();
        try
        {
            return [.. roots.Select(root => CertificateSummary.Of(root, "trust-store"))];
        }
        finally
        {
            foreach (var root in roots)
            {
                root.Dispose();
            }
        }
    }
}
