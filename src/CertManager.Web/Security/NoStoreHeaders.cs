namespace CertManager.Web.Security;

/// <summary>
/// Keeps pages with passwords or key material out of every cache. The values are the ones antiforgery sets for a
/// page with a form token (<c>no-cache, no-store</c> and <c>Pragma: no-cache</c>): a bare <c>no-store</c> made it
/// override the header and log "Cache-Control ... overridden" on every view of the sign-in page.
/// </summary>
internal static class NoStoreHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
