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

    public static Problem KdfIterationsTooHigh(string source, System.Numerics.BigInteger iterations, int maximum) => Problem.Error(
        "import.kdf-iterations-too-high",
        $"{source} asks for {iterations:N0} key-derivation iterations; the most accepted is {maximum:N0}.",
        "Export the file again with default settings (e.g. openssl pkcs12 -export uses 2048 iterations).");

    public static Problem EncryptionUnsupported(string source, string algorithm) => Problem.Error(
        "import.encryption-unsupported", $"{source} uses an encryption ({algorithm}) we cannot read.",
        "Export it again with AES: openssl pkcs12 -export (OpenSSL 3 uses AES-256 by default), or choose AES256-SHA256 in the Windows export wizard.");

    public static Problem PasswordIncorrectOrDamaged(string source, string? password) => Problem.Error(
        "import.password-or-damage",
        string.IsNullOrEmpty(password)
            ? $"{source} does not open without a password, or it is damaged: its encryption has no check that tells the two apart."
            : $"The password does not open {source}, or the file is damaged: its encryption has no check that tells the two apart.",
        "Check the password (it is case-sensitive); if it is right, download or export the file again.");

    public static Problem Pkcs12Inconsistent(string source, string part) => Problem.Error(
        "import.pkcs12-inconsistent",
        $"The password is right ({source}'s integrity check accepts it), but {part} does not decrypt with it. Old NSS versions (Firefox, Thunderbird, pk12util) wrote such broken files.",
        "Export the certificate again with current software (e.g. openssl pkcs12 -export), or from the same software with a password of at most 31 characters.");

    public static Problem Pkcs12NulTerminatedPassword(string source) => Problem.Info(
        "import.pkcs12-nss-password",
        $"{source} was read, but its keys were encrypted with the password followed by a NUL character, as old NSS versions (Firefox, Thunderbird, pk12util) did.",
        "Nothing to do here; other software may refuse this file, so export it again with current software before using it elsewhere.");

    public static Problem KeyNotRsa(string source, string algorithm, int bits) => Problem.Error(
        "import.key-not-rsa",
        bits > 0 ? $"{source} holds a private key of type {algorithm} ({bits} bits), not RSA." : $"{source} holds a private key of type {algorithm}, not RSA.",
        "Only RSA keys can be installed: generate a CSR with an RSA key (2048 bits or more) and have it signed.");

    public static Problem Unreadable(string source, string format, string reason) => Problem.Error(
        "import.unreadable", $"{source} looks like {format} but cannot be read: {reason}.", "The file is probably damaged or truncated: download or export it again.");

    public static Problem PasswordIncorrectOrRequired(string source, string? password) =>
        string.IsNullOrEmpty(password) ? PasswordRequired(source) : PasswordIncorrect(source);
}
