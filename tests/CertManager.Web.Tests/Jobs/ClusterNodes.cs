using CertManager.Core.Storage;
using CertManager.Testing;
using Npgsql;

namespace CertManager.Web.Tests.Jobs;

/// <summary>
/// One PostgreSQL server, one SMTP server that holds its answer to DATA until released, and two real console nodes
/// (<c>node-a</c>, <c>node-b</c>) on one database with the clustered scheduler, for <see cref="ClusteredJobsTests"/>.
/// </summary>
public sealed class ClusterNodes : IAsyncLifetime
{
    public static readonly string[] Names = ["node-a", "node-b"];

    /// <summary>Shorter than the defaults, so that a killed node's jobs move within seconds; long enough for a loaded machine.</summary>
    private static readonly Dictionary<string, string> SchedulerSettings = new()
    {
        ["CertManager__Scheduler__CheckinInterval"] = "00:00:02",
        ["CertManager__Scheduler__CheckinMisfireThreshold"] = "00:00:03",
        ["CertManager__Alerts__DispatchInterval"] = "00:00:01",
        ["Serilog__MinimumLevel__Override__CertManager.Web.Jobs.JobRunLog"] = "Debug",
    };

    private readonly TempDirectory[] _data = [new("certmanager-node-a"), new("certmanager-node-b")];

    public PostgreSqlServer Server { get; } = new();

    public PostgreSqlDatabase Database { get; private set; } = null!;

    public SmtpServerProcess Smtp { get; } = new(holdData: true);

    public ConsoleProcess[] Nodes { get; } = new ConsoleProcess[2];

    public string DataDirectory(int node) => _data[node].Path;

    public async Task InitializeAsync()
    {
        Database = Server.CreateDatabase("cluster");
        await Smtp.StartAsync();
        Nodes[0] = await StartAsync(0);
        // Every node gets the same master key: the operator copies master.key (docs/operations.md, "Running several nodes").
        var nodeB = new DataDirectory(_data[1].Path);
        nodeB.EnsureCreated();
        File.Copy(new DataDirectory(_data[0].Path).MasterKeyFile, nodeB.MasterKeyFile);
        Nodes[1] = await StartAsync(1);
    }

    /// <summary>The node that Quartz's table of fired triggers says is running <paramref name="jobName"/> now, or null.</summary>
    public async Task<string?> ExecutingNodeAsync(string jobName)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = @job AND state = 'EXECUTING'", connection);
        command.Parameters.AddWithValue("job", jobName);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The nodes registered in Quartz's scheduler-state table (a node found dead by the others is removed from it).</summary>
    public async Task<IReadOnlyList<string>> SchedulerNodesAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name", connection);
        var nodes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            nodes.Add(reader.GetString(0));
        }

        return nodes;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        Database.Dispose();
        Server.Dispose();
        foreach (var directory in _data)
        {
            directory.Dispose();
        }
    }

    private Task<ConsoleProcess> StartAsync(int node)
    {
        var environment = new Dictionary<string, string>(Database.Environment);
        foreach (var (key, value) in SchedulerSettings)
        {
            environment[key] = value;
        }

        environment["CertManager__Scheduler__InstanceId"] = Names[node];
        return ConsoleProcess.StartAsync(_data[node].Path, environment: environment);
    }
}
