using System.Globalization;

namespace CertManager.LoadTest.Circuits;

/// <summary>The tool's command line: <c>--url U --user N --password P --pid CONSOLE_PID [--circuits 1000] [--step 100] [--renderers 8] [--per-browser 100] [--timeout 120]</c>;
/// --timeout is how long one step (a sign-in, one page becoming interactive) may take, in seconds.</summary>
internal sealed record ArgsReader(string Url, string User, string Password, int Pid, int Circuits, int Step, int Renderers, int PerBrowser, int TimeoutSeconds)
{
    public static ArgsReader Read(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new ArgsReader(Required("--url"), Required("--user"), Required("--password"), Number("--pid", 0), Number("--circuits", 1000), Number("--step", 100), Number("--renderers", 8), Number("--per-browser", 100), Number("--timeout", 120));
    }
}
