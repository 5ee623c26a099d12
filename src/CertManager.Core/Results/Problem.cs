namespace CertManager.Core.Results;

/// <summary>
/// A failure the administrator can cause and fix, as a value: a stable <paramref name="Code"/> for scripts,
/// a <paramref name="Message"/> that says what is wrong and a <paramref name="Fix"/> that says what to do.
/// </summary>
public sealed record Problem(string Code, Severity Severity, string Message, string Fix)
{
    /// <summary>Why this is a problem, for the chain doctor's rules: the RFC or CA/Browser Forum section, or the client behaviour predicted.</summary>
    public string? Citation { get; init; }

    public static Problem Error(string code, string message, string fix) => new(code, Severity.Error, message, fix);

    public static Problem Warning(string code, string message, string fix) => new(code, Severity.Warning, message, fix);

    public static Problem Info(string code, string message, string fix) => new(code, Severity.Info, message, fix);
}
