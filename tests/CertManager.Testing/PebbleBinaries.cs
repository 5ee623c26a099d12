namespace CertManager.Testing;

/// <summary>
/// Where the pebble programs are. Debian 12 ships pebble 2.4 (no ACME Renewal Information); scripts/fetch-pebble.sh
/// unpacks Debian 13's pebble 2.6 (with ARI, RFC 9773) into <c>.tools/pebble</c> of the repository, or the folder in
/// <c>CERTMANAGER_PEBBLE_DIR</c>. Tests that need ARI ask for it and fail with instructions when it is missing; the
/// others run on 2.6 when present and on Debian 12's 2.4 otherwise.
/// </summary>
public static class PebbleBinaries
{
    public const string SystemPebble = "/usr/bin/pebble";
    /// <summary>Debian 12's challenge test server is enough: only its DNS side is used.</summary>
    public const string SystemChallengeServer = "/usr/bin/pebble-challtestsrv";

    /// <summary>The unpacked Debian 13 package root (containing usr/bin/pebble), or null when it was not fetched.</summary>
    public static string? WithAri
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("CERTMANAGER_PEBBLE_DIR") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RepositoryPaths.Root, ".tools", "pebble");
            return File.Exists(Path.Combine(root, "usr", "bin", "pebble")) ? root : null;
        }
    }

    public static string Pebble(bool requireAri)
    {
        if (WithAri is { } root)
        {
            return Path.Combine(root, "usr", "bin", "pebble");
        }

        return requireAri
            ? throw new InvalidOperationException("This test needs pebble 2.6 or later (ACME Renewal Information, RFC 9773); Debian 12's pebble 2.4 has none. Run scripts/fetch-pebble.sh (scripts/test.sh does) to unpack Debian 13's pebble into .tools/pebble.")
            : SystemPebble;
    }
}
