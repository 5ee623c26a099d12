namespace CertManager.Testing;

/// <summary>
/// Waits out a race inside pebble, the ACME test server, that no production CA has. Pebble finalises an order in a
/// goroutine and adds it to its index by certificate serial only after the certificate can already be downloaded
/// (wfe/wfe.go: <c>wfe.ca.CompleteOrder(order)</c>, then <c>wfe.db.AddOrderByIssuedSerial(order)</c>). A client that
/// downloads a certificate and renews it at once, naming it in RFC 9773's <c>replaces</c> as it should, can arrive
/// between the two and is told "serverInternal: could not find order resulting in the given certificate serial number".
/// Deliberately narrow: only that message is retried, a few times; every other outcome passes through untouched.
/// </summary>
public static class PebbleOrderIndexRace
{
    public const string Message = "could not find order resulting in the given certificate serial number";

    private const int Attempts = 10;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs <paramref name="renew"/> again while <paramref name="describe"/> of its outcome names the race.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> renew, Func<T, string> describe)
    {
        ArgumentNullException.ThrowIfNull(renew);
        ArgumentNullException.ThrowIfNull(describe);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await renew();
            if (attempt == Attempts || !describe(outcome).Contains(Message, StringComparison.Ordinal))
            {
                return outcome;
            }

            await Task.Delay(Pause); // pebble indexes the order within milliseconds of issuing it
        }
    }
}
