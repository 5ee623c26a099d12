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

    /// <summary>
    /// The form's fields as this type, as ASP.NET Core's form binding reads them (names case-insensitive; the file
    /// collection is every file of the form, the endpoint keeps those named intermediates); null when
    /// <c>confirmWarnings</c> is not a boolean.
    /// </summary>
    internal static InstallForm? From(IFormCollection form)
    {
        var confirmWarnings = false;
        if (form.TryGetValue(nameof(ConfirmWarnings), out var confirm) && confirm.Count > 0 && !bool.TryParse(confirm[0], out confirmWarnings))
        {
            return null;
        }

        return new InstallForm
        {
            Certificate = form.Files.GetFile(nameof(Certificate)),
            Intermediates = form.Files,
            PrivateKey = form.Files.GetFile(nameof(PrivateKey)),
            Password = form.TryGetValue(nameof(Password), out var password) && password.Count > 0 ? password[0] : null,
            ConfirmWarnings = confirmWarnings,
        };
    }
}
