using CertManager.Core.Alerts;
using CertManager.Core.Tokens;

namespace CertManager.Web.Api;

/// <summary><c>/api/v1/settings/alerts</c>: the alert settings in effect (the SMTP password is never returned).</summary>
internal static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/alerts", GetAsync)
            .RequireScope(ApiScopes.Admin)
            .WithName("GetAlertSettings")
            .WithSummary("The email alert settings in effect, and which of them configuration sets.")
            .Produces<AlertSettings>();
        return api;
    }

    private static Task<AlertSettings> GetAsync(AlertSettingsStore store, CancellationToken cancellationToken) =>
        store.GetEffectiveAsync(includePassword: false, cancellationToken);
}
