using System.Globalization;

namespace CertManager.LoadTest.Fleet;

/// <summary>The tool's command line: <c>--followers N</c>, <c>--window SECONDS</c>, <c>--smoke</c>, <c>--out FILE</c>.</summary>
internal sealed record FleetLoadOptions(int Followers, TimeSpan Window, bool Smoke, string? Out, TimeSpan DeliveryLimit)
{
    /// <summary>The goal: the last of 500 followers has the new bundle within 10 seconds of the install.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(10);

    /// <summary>How long the edge holds a long poll (the console's default <c>CertManager:Fleet:LongPollWait</c>).</summary>
    public static readonly TimeSpan LongPollWait = TimeSpan.FromSeconds(50);

    public static FleetLoadOptions Parse(string[] args)
    {
        var followers = 500;
        var window = TimeSpan.FromSeconds(20);
        var smoke = false;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    smoke = true;
                    followers = 20;
                    window = TimeSpan.FromSeconds(3);
                    break;
                case "--followers" when i + 1 < args.Length:
                    followers = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--window" when i + 1 < args.Length:
                    window = TimeSpan.FromSeconds(int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture));
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    throw new LoadTestException($"Unknown argument '{args[i]}'. Usage: FleetLoad [--followers 500] [--window 20] [--smoke] [--out FILE]");
            }
        }

        if (followers < 2)
        {
            throw new LoadTestException("--followers must be at least 2: one is the reference, the rest the load.");
        }

        // The smoke run fails when a follower misses the bundle for a minute; the full run reports whoever was late.
        return new FleetLoadOptions(followers, window, smoke, output, TimeSpan.FromSeconds(smoke ? 60 : 120));
    }
}
