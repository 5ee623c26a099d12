using CertManager.Core.Results;

namespace CertManager.Core.Import;

/// <summary>What can be wrong with an uploaded file, each with what to do about it.</summary>
public static class ImportErrors
{
    public static Problem Empty(string source) => Problem.Error(
        "import.empty", $"{source} is empty.", "Choose the file again, or paste the PEM text including the -----BEGIN and -----END lines.");

    public static Problem TooLarge(string source, long size, int maximum) => Problem.Error(
        "import.too-large", $"{source} is {size:N0} bytes; the most accepted is {maximum:N0}.", "Upload only the certificate, its intermediates and the key; a certificate file is a few kilobytes.");

    public static Problem Unrecognized(string source) => Problem.Error(
        "import.unrecognized", $"{source} is not a certificate, key or bundle this console can read.",
        "Upload PEM (-----BEGIN CERTIFICATE-----), DER (.cer/.crt), PKCS#7 (.p7b) or PKCS#12 (.pfx/.p12); a Word or ZIP file will not do.");

    public static Problem TooManyPemBlocks(string source, int maximum) => Problem.Error(
        "import.too-many-blocks", $"{source} holds more than {maximum} PEM blocks; only the first {maximum} were read.", "Upload only the server certificate, its intermediates and its key.");

    public static Problem PemBlockUnreadable(string source, string label, string reason) => Problem.Error(
        "import.pem-block-unreadable", $"{source}: the {label} block cannot be read ({reason}).", "The text was probably cut or changed while copying: copy the whole block again from the original file.");

    public static Problem NotACertificate(string source, string label) => Problem.Error(
        "import.not-a-certificate", $"{source} holds a {label}, which is not a certificate or key.",
        label.Contains("REQUEST", StringComparison.Ordinal)
            ? "This is a certificate signing request: submit it to your CA and upload the certificate the CA sends back."
            : "Upload the certificate, the intermediate certificates and the private key.");

    public static Problem PasswordRequired(string source) => Problem.Error(
        "import.password-required", $"{source} is protected by a password.", "Enter the password that was set when the file was exported, then check again.");

    public static Problem PasswordIncorrect(string source) => Problem.Error(
        "import.password-incorrect", $"The password does not open {source}.", "Check the password (it is case-sensitive) or export the file again with a password you know.");

    // iterations is null when the reader only knows the count is above the maximum (.NET's PKCS#12 loader does not say).
    public static Problem KdfIterationsTooHigh(string source, long? iterations, int maximum) => Problem.Error(
        "import.kdf-iterations-too-high",
        iterations is null
            ? $"{source} asks for more than {maximum:N0} key-derivation iterations, the most accepted."
            : $"{source} asks for {iterations:N0} key-derivation iterations; the most accepted is {maximum:N0}.",
        "Export the file again with default settings (e.g. openssl pkcs12 -export uses 2048 iterations).");

    public static Problem Unreadable(string source, string format, string reason) => Problem.Error(
        "import.unreadable", $"{source} looks like {format} but cannot be read: {reason}.", "The file is probably damaged or truncated: download or export it again.");

    public static Problem PasswordIncorrectOrRequired(string source, string? password) =>
        string.IsNullOrEmpty(password) ? PasswordRequired(source) : PasswordIncorrect(source);
}
