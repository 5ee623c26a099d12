using System.Net;
using System.Text.RegularExpressions;
using CertManager.Core.Events;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Security;

/// <summary>Concurrent wrong passwords against the real console: the lockout threshold holds however the requests interleave.</summary>
public sealed partial class LockoutRaceTests
{
    private const int Attempts = 16;

    [Fact]
    public async Task SignIn_ConcurrentWrongPasswords_EvaluatesAtMostTheLockoutThreshold()
    {
        using var data = new TempDirectory();
        await using var console = await ConsoleProcess.StartAsync(data.Path, environment: new Dictionary<string, string>
        {
            // The rate limiter would otherwise answer some attempts itself; here the lockout alone is under test.
            ["CertManager__SignInLimits__PermitsPerUserName"] = "1000",
            ["CertManager__SignInLimits__PermitsPerAddress"] = "1000",
        });
        var clients = Enumerable.Range(0, Attempts).Select(_ => console.CreateClient()).ToList();
        try
        {
            var tokens = await Task.WhenAll(clients.Select(c => c.GetAntiforgeryTokenAsync("account/login")));
            using var start = new Barrier(Attempts);

            var responses = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                return await client.PostSignInAsync(tokens[i], ConsoleProcess.AdministratorName, $"wrong-password-{i}");
            })));
            using var right = await console.CreateClient().SignInAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.InRange(await CountEvaluatedWrongPasswordsAsync(data.Path), 1, 5);
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>How many wrong passwords were checked against the stored hash, as the event log tells.</summary>
    private static async Task<int> CountEvaluatedWrongPasswordsAsync(string dataDirectory)
    {
        await using var services = ConsoleSeed.CreateServices(dataDirectory);
        var events = await services.GetRequiredService<EventRecorder>().ListRecentAsync(1000);
        return events
            .Where(e => e.Message.Contains($"for '{ConsoleProcess.AdministratorName}'", StringComparison.Ordinal))
            .Sum(e => WrongPasswordPattern().Match(e.Message) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex("([0-9]+) wrong password")]
    private static partial Regex WrongPasswordPattern();
}
