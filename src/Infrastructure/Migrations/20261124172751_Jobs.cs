using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Jobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversionJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ApiKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    SourceFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    InputBlob = table.Column<string>(type: "TEXT", nullable: false),
                    InputBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    InputSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InputFormat = table.Column<string>(type: "TEXT", nullable: true),
                    InputWidth = table.Column<int>(type: "INTEGER", nullable: true),
                    InputHeight = table.Column<int>(type: "INTEGER", nullable: true),
                    InputFrames = table.Column<int>(type: "INTEGER", nullable: true),
                    OptionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OptionsNormalized = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    OutputBlob = table.Column<string>(type: "TEXT", nullable: true),
                    OutputFormat = table.Column<string>(type: "TEXT", nullable: true),
                    OutputWidth = table.Column<int>(type: "INTEGER", nullable: true),
                    OutputHeight = table.Column<int>(type: "INTEGER", nullable: true),
                    OutputBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    CreditsCharged = table.Column<int>(type: "INTEGER", nullable: false),
                    Cached = table.Column<bool>(type: "INTEGER", nullable: false),
                    CachedFromJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConvertedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OptimizedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StoredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AvailableAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversionJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversionJobs_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_ExpiredAt_ExpiresAt",
                table: "ConversionJobs",
                columns: new[] { "ExpiredAt", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_Status_AvailableAt",
                table: "ConversionJobs",
                columns: new[] { "Status", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_WorkspaceId_CreatedAt",
                table: "ConversionJobs",
                columns: new[] { "WorkspaceId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_WorkspaceId_InputSha256_OptionsNormalized",
                table: "ConversionJobs",
                columns: new[] { "WorkspaceId", "InputSha256", "OptionsNormalized" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversionJobs");
        }
    }
}
