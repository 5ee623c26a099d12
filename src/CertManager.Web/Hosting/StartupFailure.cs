using Microsoft.AspNetCore.Connections;

namespace CertManager.Web.Hosting;

/// <summary>
/// Turns a failure to start that an operator can fix into one sentence on standard error and exit code 1, instead of
/// an unhandled exception that aborts the process (exit 134) with a stack trace. The host has already logged the
/// exception itself to the log file.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>True when <paramref name="exception"/> is such a failure; its explanation is then written to <paramref name="error"/>.</summary>
    public static bool TryExplain(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        if (exception is IOException { InnerException: AddressInUseException })
        {
            error.WriteLine(
                $"CertManager could not start: {exception.Message.TrimEnd('.')}. Another program (or another CertManager) already listens on that port: " +
                "stop it, or give this console other ports with CertManager:Web:HttpsPort and CertManager:Web:HttpPort.");
            return true;
        }

        return false;
    }
}
