using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CertManager.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class EventViewerIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Severity",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Severity_ResolvedAt_AcknowledgedAt",
                table: "Events",
                columns: new[] { "Severity", "ResolvedAt", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Source",
                table: "Events",
                column: "Source");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Severity_ResolvedAt_AcknowledgedAt",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_Source",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Severity",
                table: "Events",
                column: "Severity");
        }
    }
}
