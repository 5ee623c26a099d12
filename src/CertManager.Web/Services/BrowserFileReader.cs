using CertManager.Core.Import;
using Microsoft.AspNetCore.Components.Forms;

namespace CertManager.Web.Services;

/// <summary>Reads files chosen in the browser into memory, bounded, without touching the server's disk.</summary>
public static class BrowserFileReader
{
    /// <summary>Largest file read from the browser; the importer reports anything over its own limit with a clear message.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public static async Task<ImportInput> ReadAsync(IBrowserFile file, ImportSlot slot, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream(MaxFileBytes, cancellationToken);
        await stream.CopyToAsync(buffer, cancellationToken);
        return new ImportInput(file.Name, buffer.ToArray(), slot);
    }
}
