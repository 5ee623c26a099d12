namespace CertManager.Cli;

/// <summary>The exit codes scripts can rely on (docs/cli.md, "Exit codes"). Never renumber them.</summary>
internal static class ExitCodes
{
    /// <summary>Done; warnings, if any, went to stderr.</summary>
    public const int Success = 0;

    /// <summary>The input was fine but the work failed: a file could not be written, the data directory is unusable, a bug.</summary>
    public const int Failure = 1;

    /// <summary>Nothing was done: the command line could not be parsed, or the request failed validation.</summary>
    public const int InvalidInput = 2;

    /// <summary>The certificate or chain failed the checks: <c>verify</c> found the path invalid or an error; <c>install</c> found an error.</summary>
    public const int ChecksFailed = 3;

    /// <summary><c>install</c> refused: the checks passed with warnings and <c>--accept-warnings</c> was not given.</summary>
    public const int WarningsNotAccepted = 4;
    /// <summary><c>check-expiry</c> only: the check ran and a MAJOR expiry event is active (a presented certificate has expired).</summary>
    public const int MajorEventActive = 3;

    /// <summary>Accepted but not finished: the SCEP CA put the request on hold (PENDING); the console polls the kept transaction.</summary>
    public const int Pending = 5;
}
