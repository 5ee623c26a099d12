using CertManager.Core.Results;

namespace CertManager.Core.Install;

public static class InstallErrors
{
    public static readonly Problem WarningsNotConfirmed = Problem.Error(
        "install.warnings-not-confirmed", "The certificate has warnings that were not confirmed.", "Read the warnings, then confirm that you want to install it anyway.");

    public static readonly Problem NotInstallable = Problem.Error(
        "install.not-installable", "The certificate cannot be installed until the errors above are fixed.", "Fix each error as it says, then check again.");

    public static readonly Problem NothingToUninstall = Problem.Error(
        "install.nothing-to-uninstall", "The self-signed default certificate is already in use.", "Nothing to do.");

    public static Problem UnknownVersion(string version) => Problem.Error(
        "install.unknown-version", $"There is no installed version '{version}'.", "Pick a version from the list of installed versions.");

    public const string NotWrittenCode = "install.not-written";

    /// <summary>Whether the data directory refused the write (full, read-only): a failure of the machine, not of the input.</summary>
    public static bool HasNotWritten(IReadOnlyList<Problem> problems) => problems.Any(p => p.Code == NotWrittenCode);

    public static Problem NotWritten(string dataDirectory, string reason) => Problem.Error(
        NotWrittenCode,
        $"The certificate could not be written to the data directory '{dataDirectory}': {reason} Nothing was changed; the certificate presented before is still presented.",
        "Free space on the disk that holds the data directory, or make it writable for the console's account (it may be mounted read-only), then install again.");
}
