using System.CommandLine;

namespace CertManager.Cli;

/// <summary>The root command; each feature adds its subcommand here.</summary>
internal static class CertmanCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("certman - manage the TLS certificate a CertManager console presents, from scripts and the shell.");
        return root;
    }
}
