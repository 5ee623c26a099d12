using CertManager.Core.Results;

namespace CertManager.Cli;

/// <summary>Problems only the command line can meet: its own files and the data directory it is pointed at. Codes are <c>cli.*</c>.</summary>
internal static class CliErrors
{
    public static readonly Problem FleetAddressInvalid = Problem.Error(
        "cli.fleet-address-invalid", "--address must be the proxy console's absolute https:// address.", "Give the address the servers behind the proxy use to reach it, e.g. --address https://proxy.example.com:8443/.");

    public static Problem DataDirectoryMissing(string path) => Problem.Error(
        "cli.data-directory-missing",
        $"The data directory '{path}' does not exist.",
        "Pass the directory the console uses (CertManager:DataDirectory, by default ~/.local/share/CertManager), or leave out --data-dir to write the key to a file.");

    public static Problem DataDirectoryUnusable(string path, string reason) => Problem.Error(
        "cli.data-directory-unusable",
        $"The data directory '{path}' could not be opened: {reason}",
        "Run certman as the account the console runs as, so that it may read and write the directory.");

    public static Problem SettingsInvalid(string reason) => Problem.Error(
        "cli.settings-invalid",
        $"The console's settings in certman's environment are not valid: {reason}",
        "Give certman the same CertManager__* settings as the console (e.g. CertManager__Database__Provider and CertManager__Database__ConnectionStringFile).");

    public static Problem DatabaseUnusable(string reason) => Problem.Error(
        "cli.database-unusable",
        $"The console's database could not be used: {reason}",
        "Check that the database server is up and that CertManager__Database__ConnectionString(File) and the master key are the console's own.");

    public static Problem OutputDirectoryMissing(string path) => Problem.Error(
        "cli.output-directory-missing",
        $"The directory of the output file '{path}' does not exist.",
        "Create the directory first, or choose another path for --out.");

    public static Problem OutputNotWritten(string path, string reason, string? keyFile) => Problem.Error(
        "cli.output-not-written",
        $"The CSR could not be written to '{path}': {reason}",
        keyFile is null
            ? "Check the path; the request is stored in the console, which can show the CSR again."
            : $"Check the path; the key was written to '{keyFile}' and `openssl req -new -key` can make a CSR from it again.");

    public static Problem InputUnreadable(string path, string reason) => Problem.Error(
        "cli.input-unreadable",
        $"The file '{path}' could not be read: {reason}",
        "Check the path and that certman may read the file.");

    public static Problem PasswordFileUnreadable(string path, string reason) => Problem.Error(
        "cli.password-file-unreadable",
        $"The password file '{path}' could not be read: {reason}",
        "Check the path; the file holds the password on its first line.");

    public static Problem PasswordVariableMissing(string name) => Problem.Error(
        "cli.password-env-missing",
        $"The environment variable '{name}' is not set.",
        "Export the variable with the password before running certman, or pass --password-file.");

    public static Problem TrustFileEmpty(string path) => Problem.Error(
        "cli.trust-file-empty",
        $"The trust file '{path}' holds no certificate.",
        "Pass a file with the root certificates to trust (PEM, DER or PKCS#7).");
    public static Problem OutputExists(string path) => Problem.Error(
        "cli.output-exists",
        $"The file '{path}' already exists; certman export never replaces a file.",
        "Choose another path with --out, or move the old file away first.");

    public static Problem ExportNotWritten(string path, string reason) => Problem.Error(
        "cli.output-not-written",
        $"The export could not be written to '{path}': {reason}",
        "Check the path and the free space; nothing was left behind.");

    public static readonly Problem PasswordMissing = Problem.Error(
        "cli.pfx-password-missing",
        "A PFX needs a password, and none was given.",
        "Use --password-file FILE or --password-env NAME, pipe it on stdin, or run certman in a terminal to be asked for it.");

    public static Problem PfxPasswordFileUnreadable(string path, string reason) => Problem.Error(
        "cli.pfx-password-file-unreadable",
        $"The password file '{path}' could not be read: {reason}",
        "Check the path and that certman may read it (mode 0600, owned by you).");

    public static Problem PasswordVariableEmpty(string name) => Problem.Error(
        "cli.pfx-password-variable-empty",
        $"The environment variable '{name}' is not set or empty.",
        "Export the variable before running certman, or use --password-file.");

    public static readonly Problem PasswordsDiffer = Problem.Error(
        "cli.pfx-passwords-differ",
        "The two PFX passwords differ.",
        "Run the command again and type the same password twice.");
}
