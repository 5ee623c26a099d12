using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CertManager.Testing;

namespace CertManager.Web.Tests.Metrics;

/// <summary>
/// Reads a console's /metrics: scrapes it with a token, checks it with Prometheus' own <c>promtool check metrics</c>
/// (Debian package prometheus), and finds samples by name and labels in the text exposition format.
/// </summary>
internal static partial class Exposition
{
    public static async Task<string> ScrapeAsync(ConsoleProcess console, string token)
    {
        using var client = console.CreateClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The one sample of <paramref name="name"/> carrying all of <paramref name="labels"/>.</summary>
    public static long Value(string text, string name, IReadOnlyDictionary<string, string> labels) =>
        Assert.Single(Samples(text, name, labels));

    /// <summary>Every sample of <paramref name="name"/> carrying all of <paramref name="labels"/> (a counter not yet counted has none).</summary>
    public static IReadOnlyList<long> Samples(string text, string name, IReadOnlyDictionary<string, string> labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(label => line.Contains($"{label.Key}=\"{label.Value}\"", StringComparison.Ordinal)))
            .Select(line => long.Parse(SampleValue().Match(line).Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();

    public static async Task<(int ExitCode, string Output)> PromtoolCheckAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start promtool (Debian package prometheus).");
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"\} (-?[0-9]+)(?: [0-9]+)?\r?$")]
    private static partial Regex SampleValue();
}
