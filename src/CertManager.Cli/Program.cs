using CertManager.Core.Storage;

namespace CertManager.Cli;

/// <summary><c>certman</c>: the console's certificate services for scripts and operators.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        // certman may create a console's database or key files: they must be as private as the console's own.
        PrivateFileCreation.Enable();
        return CertmanCommand.InvokeAsync(args);
    }
}
