namespace CertManager.Testing;

/// <summary>Finds the repository and the built console from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release), so the console matches it.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string WebAssemblyPath => Path.Combine(Root, "src", "CertManager.Web", "bin", Configuration, "net10.0", "CertManager.Web.dll");

    public static string CliAssemblyPath => Path.Combine(Root, "src", "CertManager.Cli", "bin", Configuration, "net10.0", "certman.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CertManager.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"CertManager.sln not found above {AppContext.BaseDirectory}.");
    }
}
