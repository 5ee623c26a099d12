using System.Globalization;

namespace CertManager.LoadTest.Circuits;

/// <summary>The tool's command line: <c>--url U --user N --password P --pid CONSOLE_PID [--circuits 1000] [--step 100]
/// [--renderers 8] [--per-browser 100] [--timeout 120] [--hold 0] [--browserless]</c>. --timeout is how long one step (a
/// sign-in, one page becoming interactive, the console's circuit count settling) may take, in seconds; --hold keeps all
/// circuits idle that many seconds after the last step and checks them again; --browserless opens the pages of the
/// steps between the first and the last with the browser stand-in instead of Chromium.</summary>
internal sealed record ArgsReader(string Url, string User, string Password, int Pid, int Circuits, int Step, int Renderers, int PerBrowser, int TimeoutSeconds, int HoldSeconds, bool Browserless)
{
    public static ArgsReader Read(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var browserless = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--browserless")
            {
                browserless = true;
            }
            else if (i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new ArgsReader(Required("--url"), Required("--user"), Required("--password"), Number("--pid", 0), Number("--circuits", 1000),
            Number("--step", 100), Number("--renderers", 8), Number("--per-browser", 100), Number("--timeout", 120), Number("--hold", 0), browserless);
    }
}
