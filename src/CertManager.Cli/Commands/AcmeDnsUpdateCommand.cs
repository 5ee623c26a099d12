using System.CommandLine;
using System.Text.RegularExpressions;
using CertManager.Acme.Challenges.Dns;
using CertManager.Acme.Enrollment;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman acme dns-update</c>: saves where dns-01 answers are published by RFC 2136 dynamic update (server, zone,
/// TSIG key), the secret encrypted with the console's master key. The secret comes from a file (the bare base64 secret
/// or the <c>key</c> clause <c>tsig-keygen</c> prints) or the environment, never from the command line.
/// </summary>
internal static partial class AcmeDnsUpdateCommand
{
    public const string SecretVariable = "CERTMAN_ACME_TSIG_SECRET";

    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var server = new Option<string>("--server") { Description = "The primary DNS server that accepts dynamic updates for the zone (IP address or host name)." };
        var port = new Option<int>("--port") { Description = "Its port; the zone's other authoritative servers are asked on the same port.", DefaultValueFactory = _ => 53 };
        var zone = new Option<string>("--zone") { Description = "The zone the _acme-challenge TXT records go into, e.g. example.com." };
        var keyName = new Option<string>("--key-name") { Description = "The TSIG key's name as the server knows it." };
        var algorithm = new Option<string>("--algorithm") { Description = $"The TSIG algorithm: {string.Join(", ", TsigAlgorithms.Names)}.", DefaultValueFactory = _ => TsigAlgorithms.Default };
        var secretFile = new Option<string>("--secret-file") { Description = $"File with the base64 TSIG secret, or the key clause tsig-keygen prints (else ${SecretVariable})." };
        var clear = new Option<bool>("--clear") { Description = "Forget the saved settings (and the secret)." };
        var command = new Command("dns-update", "Save the DNS server, zone and TSIG key for dns-01 by RFC 2136 dynamic update (challenge dns-rfc2136).")
        {
            dataDirectory, server, port, zone, keyName, algorithm, secretFile, clear,
        };
        command.SetAction((parse, cancellationToken) => AcmeCommand.WithServicesAsync(parse.GetValue(dataDirectory)!, async services =>
        {
            var store = services.GetRequiredService<AcmeDnsUpdateStore>();
            var events = services.GetRequiredService<EventRecorder>();
            if (parse.GetValue(clear))
            {
                var removed = await store.DeleteAsync(cancellationToken);
                await events.RecordAsync(EventSeverity.Info, AcmeAccountService.EventSource, "The RFC 2136 dynamic update settings for dns-01 were removed.", AcmeCommand.Actor, null, cancellationToken);
                Console.Out.WriteLine(removed ? "Removed the dynamic update settings." : "No dynamic update settings were saved.");
                return ExitCodes.Success;
            }

            var validated = DnsUpdateSettingsValidator.Validate(new DnsUpdateForm
            {
                Server = parse.GetValue(server),
                Port = parse.GetValue(port),
                Zone = parse.GetValue(zone),
                KeyName = parse.GetValue(keyName),
                Algorithm = parse.GetValue(algorithm),
                Secret = ReadSecret(parse.GetValue(secretFile)),
            });
            if (!validated.Succeeded)
            {
                return AcmeCommand.Fail(validated.Problems, ExitCodes.InvalidInput);
            }

            try
            {
                await store.SaveAsync(validated.Value, AcmeCommand.Actor, DateTimeOffset.UtcNow, cancellationToken);
            }
            finally
            {
                AcmeDnsUpdateStore.Forget(validated.Value);
            }

            await events.RecordAsync(EventSeverity.Info, AcmeAccountService.EventSource, $"dns-01 by RFC 2136 dynamic update now uses {validated.Value}.", AcmeCommand.Actor, null, cancellationToken);
            Console.Out.WriteLine($"Saved: TSIG key {validated.Value}; the secret is encrypted with the console's master key.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string? ReadSecret(string? file)
    {
        var text = file is null ? Environment.GetEnvironmentVariable(SecretVariable) : File.Exists(file) ? File.ReadAllText(file) : null;
        if (text is null)
        {
            return null;
        }

        // A BIND key clause: key "name" { algorithm hmac-sha256; secret "..."; };
        var clause = SecretClause().Match(text);
        return clause.Success ? clause.Groups[1].Value : text.Trim();
    }

    [GeneratedRegex("secret\\s+\"([^\"]+)\"")]
    private static partial Regex SecretClause();
}
