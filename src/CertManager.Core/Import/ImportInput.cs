namespace CertManager.Core.Import;

/// <summary>One uploaded file or pasted text. <paramref name="Name"/> is for messages only: the format is read from the content.</summary>
public sealed record ImportInput(string Name, ReadOnlyMemory<byte> Content, ImportSlot Slot)
{
    public static ImportInput FromText(string name, string text, ImportSlot slot) =>
        new(name, System.Text.Encoding.UTF8.GetBytes(text), slot);
}
