namespace CertManager.Core.Certificates;

/// <summary>Whether the console presents its own self-signed default or a certificate an administrator installed.</summary>
public enum CertificateOrigin
{
    SelfSignedDefault,
    ThirdParty,
}
