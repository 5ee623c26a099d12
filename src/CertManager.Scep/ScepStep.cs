namespace CertManager.Scep;

/// <summary>The steps of an enrollment as the console shows them, in order.</summary>
public enum ScepStep
{
    ContactingCa,
    CaCertificateReceived,
    RequestSignedAndEncrypted,
    RequestSent,
    Issued,
    Rejected,
    Pending,
}
