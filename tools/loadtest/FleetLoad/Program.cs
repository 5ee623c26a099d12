// The fleet load tool (docs/performance.md, "Fleet: one edge, many followers"): one real edge console and many
// simulated followers on loopback. Needs the solution built in Release and openssl. Exit 1 when the run is not a
// measurement (a follower missed the bundle, the edge did not start); the markdown report goes to stdout (and --out).
using CertManager.LoadTest.Fleet;

try
{
    var options = FleetLoadOptions.Parse(args);
    var report = new FleetReport();
    using var run = new FleetLoadRun(options, report);
    await run.RunAsync(CancellationToken.None);
    var text = report.Text();
    Console.Out.Write(text);
    if (options.Out is { } path)
    {
        await File.WriteAllTextAsync(path, text);
    }

    return 0;
}
catch (LoadTestException exception)
{
    Console.Error.WriteLine($"fleet load test failed: {exception.Message}");
    return 1;
}
