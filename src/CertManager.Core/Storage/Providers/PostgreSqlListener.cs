using Npgsql;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// A connection of its own that <c>LISTEN</c>s on one channel and hands each notification on. A lost connection is
/// opened again after a pause, and the caller is told (with null) that it may have missed something; callers also poll,
/// so a node that cannot listen is late, never wrong.
/// </summary>
internal sealed class PostgreSqlListener : IDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PostgreSqlListener(string connectionString, string channel, Action<string?> received) =>
        _loop = Task.Run(() => RunAsync(connectionString, channel, received, _stop.Token));

    private static async Task RunAsync(string connectionString, string channel, Action<string?> received, CancellationToken stop)
    {
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => received(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                if (!first)
                {
                    received(null);
                }

                first = false;
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                first = false;
                try
                {
                    await Task.Delay(ReconnectDelay, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The loop ends on cancellation; anything else was already handled inside it.
        }

        _stop.Dispose();
    }
}
