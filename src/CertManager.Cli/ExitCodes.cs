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

    /// <summary>Accepted but not finished: the SCEP CA put the request on hold (PENDING); the console polls the kept transaction.</summary>
    public const int Pending = 3;
}
