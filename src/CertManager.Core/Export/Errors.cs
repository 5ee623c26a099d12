using CertManager.Core.Results;

namespace CertManager.Core.Export;

/// <summary>The problems an export can meet, with stable codes.</summary>
public static class ExportErrors
{
    /// <summary>Shortest PFX password accepted: the file travels between servers and its key is only as safe as this.</summary>
    public const int MinimumPfxPasswordLength = 8;

    public static readonly Problem PfxPasswordRequired = Problem.Error(
        "export.pfx-password-required",
        "A PFX file needs a password to protect its private key.",
        "Enter a password for the PFX file; the server that imports it will ask for it.");

    public static readonly Problem PfxPasswordTooShort = Problem.Error(
        "export.pfx-password-too-short",
        $"The PFX password must have at least {MinimumPfxPasswordLength} characters.",
        "Choose a longer password; it protects the private key while the file travels.");

    public static readonly Problem SelfSignedDefault = Problem.Warning(
        "export.self-signed-default",
        "This is the console's self-signed default certificate: browsers do not trust it and will warn on every server that presents it.",
        "Install a certificate from a trusted CA first (Upload and install), then export that one for the servers behind the proxy.");

    public static readonly Problem PrivateKeyNotPermitted = Problem.Error(
        "export.private-key-not-permitted",
        "Only Administrators and Operators may download the private key.",
        "Download the certificate and chain without the key, or ask an Operator for the bundle.");
}
