using System.Net;
using System.Text.RegularExpressions;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// The log file of the real console process: one line per page request with route template, status, time and user,
/// nothing for health probes, static files and the Blazor hub, no query strings, no antiforgery cache warning, and
/// files that roll by size with a bounded count.
/// </summary>
public sealed class RequestLoggingTests
{
    private const int FileSizeLimit = 8192;
    private const int RetainedFiles = 3;
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_PagesProbesAndAssets_LogOnlyPagesInTheirShapeAndRollBySize()
    {
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["CertManager__Logging__FileSizeLimitBytes"] = FileSizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CertManager__Logging__RetainedFileCountLimit"] = RetainedFiles.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = console.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("css/app.css")).StatusCode);
        // Without a circuit the hub refuses the negotiation; the request still reaches it, which is what is not to be logged.
        Assert.InRange((int)(await client.Http.PostAsync("_blazor/negotiate?negotiateVersion=1", null)).StatusCode, 200, 499);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("account/login?ReturnUrl=%2Fsecurity%3Fsecret%3Dquery-value")).StatusCode);
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("security/web-server/certificate?tab=details")).StatusCode);

        var log = await WaitForLogAsync(console, l => l.Contains("/security/web-server/certificate responded", StringComparison.Ordinal));

        var requests = log.Where(l => l.Contains("RequestLoggingMiddleware", StringComparison.Ordinal)).ToList();
        Assert.Contains(requests, l => PageLine("GET", "/account/login", 200, "-").IsMatch(l));
        Assert.Contains(requests, l => PageLine("POST", "/account/login", 302, "-").IsMatch(l));
        Assert.Contains(requests, l => PageLine("GET", "/security/web-server/certificate", 200, ConsoleProcess.AdministratorName).IsMatch(l));
        Assert.DoesNotContain(requests, l => l.Contains("/health", StringComparison.Ordinal) || l.Contains("_framework", StringComparison.Ordinal)
            || l.Contains("app.css", StringComparison.Ordinal) || l.Contains("_blazor", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("query-value", StringComparison.Ordinal) || l.Contains("tab=details", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("overridden", StringComparison.Ordinal));
        Assert.DoesNotContain("overridden", console.Output, StringComparison.Ordinal);

        // Rolling: enough cheap requests (a redirect each) to fill several files of FileSizeLimit bytes.
        for (var request = 0; request < 400; request++)
        {
            using var redirect = await client.Http.GetAsync(string.Empty);
        }

        await WaitForLogAsync(console, _ => Directory.GetFiles(LogsDirectory(console)).Any(f => RolledNumber(f) >= RetainedFiles));
        var files = Directory.GetFiles(LogsDirectory(console), "certmanager-*.log");
        Assert.InRange(files.Length, 1, RetainedFiles);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, FileSizeLimit));
    }

    private static Regex PageLine(string method, string route, int status, string user) =>
        new($@"\[INF\] Serilog\.AspNetCore\.RequestLoggingMiddleware\s*: HTTP {method} {Regex.Escape(route)} responded {status} in \d+\.\d ms for {Regex.Escape(user)}$");

    /// <summary>The sequence number Serilog appends to a file begun because the previous one was full (certmanager-20261129_003.log).</summary>
    private static int RolledNumber(string path) =>
        Regex.Match(Path.GetFileName(path), @"_(\d{3})\.log$") is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string LogsDirectory(ConsoleProcess console) => Path.Combine(console.DataDirectory, "logs");

    /// <summary>All log files' lines once <paramref name="done"/> holds for one of them; the file sink writes each event through.</summary>
    private static async Task<List<string>> WaitForLogAsync(ConsoleProcess console, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + LogTimeout;
        while (true)
        {
            var lines = Directory.GetFiles(LogsDirectory(console), "certmanager-*.log").Order(StringComparer.Ordinal).SelectMany(ReadShared).ToList();
            if (lines.Any(done))
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the log never showed the expected line; it holds:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(20))}");
            await Task.Delay(50);
        }
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
    }
}
