namespace CertManager.Web.Api.Contracts;

/// <summary>Installs an issued certificate that waits for an administrator; warnings must be confirmed, errors always refuse.</summary>
public sealed record InstallHeldBody(bool ConfirmWarnings = false);
