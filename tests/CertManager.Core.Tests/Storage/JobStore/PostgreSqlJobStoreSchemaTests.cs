using CertManager.Core.Storage.JobStore;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Npgsql;

namespace CertManager.Core.Tests.Storage.JobStore;

/// <summary>Quartz's tables in a real PostgreSQL database: created once, by one of several nodes starting together.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJobStoreSchemaTests(PostgreSqlServer postgreSql)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EnsureCreatedAsync_ThreeNodesAtOnce_OneCreatesEveryTableTheOthersFindThem()
    {
        using var database = postgreSql.CreateDatabase("quartz_schema");

        var created = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Schema(database).EnsureCreatedAsync(Bound, _ => { }, CancellationToken.None))));

        Assert.Single(created, c => c);
        Assert.Equal(PostgreSqlJobStoreSchema.TableCount, await CountQuartzTablesAsync(database));
        Assert.False(await Schema(database).EnsureCreatedAsync(Bound, _ => { }, CancellationToken.None));
    }

    [Fact]
    public async Task EnsureCreatedAsync_AnotherSessionHoldsTheLock_SaysWhyThenCreatesWhenReleased()
    {
        using var database = postgreSql.CreateDatabase("quartz_schema_lock");
        await using var holder = new NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(1129140570)", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var creation = Schema(database).EnsureCreatedAsync(Bound, message => waiting.TrySetResult(message), CancellationToken.None);

        var message = await waiting.Task.WaitAsync(Bound);
        Assert.False(creation.IsCompleted);
        Assert.Contains("Quartz", message, StringComparison.Ordinal);
        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(1129140570)", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        Assert.True(await creation.WaitAsync(Bound));
        Assert.Equal(PostgreSqlJobStoreSchema.TableCount, await CountQuartzTablesAsync(database));
    }

    [Fact]
    public void Statements_QuartzScript_EveryPlaceholderReplaced()
    {
        var statements = PostgreSqlJobStoreSchema.Statements();

        Assert.True(PostgreSqlJobStoreSchema.TableCount >= 12, $"{PostgreSqlJobStoreSchema.TableCount} tables");
        Assert.Contains(statements, s => s.Contains("CREATE TABLE IF NOT EXISTS qrtz_locks", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Contains('{', StringComparison.Ordinal));
    }

    private static PostgreSqlJobStoreSchema Schema(PostgreSqlDatabase database) => new(database.ConnectionString);

    private static async Task<long> CountQuartzTablesAsync(PostgreSqlDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'qrtz\\_%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
