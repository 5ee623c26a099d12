namespace CertManager.EndToEnd.Tests.Layout;

/// <summary>A page of the console the sweep visits, who may open it, and how to know it finished rendering.</summary>
/// <param name="Name">File-name-safe name of the screenshot.</param>
/// <param name="Path">The address.</param>
/// <param name="Interactive">True when the page runs over the Blazor circuit (wait for it); false for static pages.</param>
/// <param name="AdministratorOnly">Shown to Administrators; other roles are sent to access denied.</param>
public sealed record SweptPage(string Name, string Path, bool Interactive, bool AdministratorOnly = false)
{
    /// <summary>Every page behind sign-in, in the order of the navigation.</summary>
    public static IReadOnlyList<SweptPage> SignedIn { get; } =
    [
        new("certificate-tab", "/security/web-server/certificate", Interactive: true),
        new("versions", "/security/web-server/certificate/versions", Interactive: true),
        new("generate-csr", "/security/web-server/certificate/csr", Interactive: true, AdministratorOnly: true),
        new("scep", "/security/web-server/certificate/scep", Interactive: true, AdministratorOnly: true),
        new("install", "/security/web-server/certificate/install", Interactive: true, AdministratorOnly: true),
        new("export", "/security/web-server/certificate/export", Interactive: false),
        new("servers-behind-proxy", "/security/servers-behind-proxy", Interactive: true),
        new("follow-proxy", "/security/follow-proxy", Interactive: true),
        new("trusted-roots", "/security/trusted-roots", Interactive: true, AdministratorOnly: true),
        new("users", "/security/users", Interactive: true, AdministratorOnly: true),
        new("events", "/events", Interactive: true),
        new("email-alerts", "/settings/alerts", Interactive: true, AdministratorOnly: true),
        new("change-password", "/account/change-password", Interactive: false),
        new("access-denied", "/account/access-denied", Interactive: false),
        new("not-found", "/no/such/page", Interactive: false),
    ];
}
