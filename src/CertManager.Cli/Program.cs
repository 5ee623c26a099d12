namespace CertManager.Cli;

/// <summary><c>certman</c>: the console's certificate services for scripts and operators.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CertmanCommand.InvokeAsync(args);
}
