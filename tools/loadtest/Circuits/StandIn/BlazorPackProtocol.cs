// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// The hub protocol blazor.web.js asks for, "blazorpack": on the wire SignalR's MessagePack protocol (version 1), under
/// the name the Blazor hub accepts. Everything but the name is SignalR's own MessagePack implementation.
/// </summary>
internal sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _messagePack = new();

    public string Name => "blazorpack";

    public int Version => _messagePack.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _messagePack.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _messagePack.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _messagePack.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _messagePack.IsVersionSupported(version);
}
