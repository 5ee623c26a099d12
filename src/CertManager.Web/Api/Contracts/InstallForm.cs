namespace CertManager.Web.Api.Contracts;

/// <summary>
/// The upload page's inputs as a multipart form: the certificate (any format; a bundle may hold chain and key too),
/// intermediates, the private key when the CSR was made elsewhere, the password of an encrypted key or PKCS#12 file,
/// and <c>confirmWarnings</c> to install although the chain doctor found warnings.
/// </summary>
public sealed class InstallForm
{
    public IFormFile? Certificate { get; set; }

    public IFormFileCollection? Intermediates { get; set; }

    public IFormFile? PrivateKey { get; set; }

    public string? Password { get; set; }

    public bool ConfirmWarnings { get; set; }
}
