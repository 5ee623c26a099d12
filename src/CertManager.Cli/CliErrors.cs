using CertManager.Core.Results;

namespace CertManager.Cli;

/// <summary>Problems only the command line can meet: its own files and the data directory it is pointed at. Codes are <c>cli.*</c>.</summary>
internal static class CliErrors
{
    public static Problem DataDirectoryMissing(string path) => Problem.Error(
        "cli.data-directory-missing",
        $"The data directory '{path}' does not exist.",
        "Pass the directory the console uses (CertManager:DataDirectory, by default ~/.local/share/CertManager), or leave out --data-dir to write the key to a file.");

    public static Problem DataDirectoryUnusable(string path, string reason) => Problem.Error(
        "cli.data-directory-unusable",
        $"The data directory '{path}' could not be opened: {reason}",
        "Run certman as the account the console runs as, so that it may read and write the directory.");

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
}
