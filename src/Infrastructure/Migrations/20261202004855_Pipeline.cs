using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Konvrt.Portal.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Pipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BatchId",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StorageId",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "ConversionJobs",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StorageName",
                table: "ConversionJobs",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Batches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Batches_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobOutputs",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    OptionsNormalized = table.Column<string>(type: "TEXT", nullable: false),
                    Blob = table.Column<string>(type: "TEXT", nullable: true),
                    Format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Width = table.Column<int>(type: "INTEGER", nullable: true),
                    Height = table.Column<int>(type: "INTEGER", nullable: true),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: true),
                    Cached = table.Column<bool>(type: "INTEGER", nullable: false),
                    CachedFromJobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 1100, nullable: true),
                    StoreStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StoreError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StoreAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreNextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StoreLeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StoredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobOutputs", x => new { x.JobId, x.Index });
                    table.ForeignKey(
                        name: "FK_JobOutputs_ConversionJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ConversionJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Presets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OutputsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Presets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Presets_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StorageDestinations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Bucket = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AccessKeyId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SecretAccessKeyProtected = table.Column<string>(type: "TEXT", nullable: false),
                    ForcePathStyle = table.Column<bool>(type: "INTEGER", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StorageDestinations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StorageDestinations_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_BatchId",
                table: "ConversionJobs",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_WorkspaceId_InputSha256",
                table: "ConversionJobs",
                columns: new[] { "WorkspaceId", "InputSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_Batches_NotifiedAt_CreatedAt",
                table: "Batches",
                columns: new[] { "NotifiedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Batches_WorkspaceId",
                table: "Batches",
                column: "WorkspaceId");

            migrationBuilder.CreateIndex(
                name: "IX_JobOutputs_JobId_Name",
                table: "JobOutputs",
                columns: new[] { "JobId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobOutputs_OptionsNormalized",
                table: "JobOutputs",
                column: "OptionsNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_JobOutputs_StoreStatus_StoreNextAttemptAt",
                table: "JobOutputs",
                columns: new[] { "StoreStatus", "StoreNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Presets_WorkspaceId_Name",
                table: "Presets",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StorageDestinations_WorkspaceId_Name",
                table: "StorageDestinations",
                columns: new[] { "WorkspaceId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ConversionJobs_Batches_BatchId",
                table: "ConversionJobs",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            // Every job so far made one output: it becomes the job's output "main", with its options and what was made.
            migrationBuilder.Sql(
                """
                INSERT INTO "JobOutputs" ("JobId", "Index", "Name", "OptionsJson", "OptionsNormalized", "Blob", "Format", "Width", "Height", "Bytes",
                    "Cached", "CachedFromJobId", "StoreAttempts")
                SELECT "Id", 0, 'main', "OptionsJson", "OptionsNormalized", "OutputBlob", "OutputFormat", "OutputWidth", "OutputHeight", "OutputBytes",
                    "Cached", "CachedFromJobId", 0
                FROM "ConversionJobs";
                """);

            migrationBuilder.DropIndex(
                name: "IX_ConversionJobs_WorkspaceId_InputSha256_OptionsNormalized",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "Cached",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "CachedFromJobId",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OptionsJson",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OptionsNormalized",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OutputBytes",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OutputHeight",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OutputWidth",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OutputFormat",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "OutputBlob",
                table: "ConversionJobs");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ConversionJobs_Batches_BatchId",
                table: "ConversionJobs");

            migrationBuilder.DropTable(
                name: "Batches");

            migrationBuilder.DropTable(
                name: "Presets");

            migrationBuilder.DropTable(
                name: "StorageDestinations");

            migrationBuilder.DropIndex(
                name: "IX_ConversionJobs_BatchId",
                table: "ConversionJobs");

            migrationBuilder.DropIndex(
                name: "IX_ConversionJobs_WorkspaceId_InputSha256",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "StorageName",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "StorageId",
                table: "ConversionJobs");

            migrationBuilder.DropColumn(
                name: "BatchId",
                table: "ConversionJobs");

            migrationBuilder.AddColumn<string>(
                name: "OutputFormat",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutputBlob",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Cached",
                table: "ConversionJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "CachedFromJobId",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OptionsJson",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OptionsNormalized",
                table: "ConversionJobs",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "OutputBytes",
                table: "ConversionJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutputHeight",
                table: "ConversionJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OutputWidth",
                table: "ConversionJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversionJobs_WorkspaceId_InputSha256_OptionsNormalized",
                table: "ConversionJobs",
                columns: new[] { "WorkspaceId", "InputSha256", "OptionsNormalized" });

            // A job keeps its first output; the others cannot be kept in one row.
            migrationBuilder.Sql(
                """
                UPDATE "ConversionJobs" SET
                    "OptionsJson" = o."OptionsJson", "OptionsNormalized" = o."OptionsNormalized", "OutputBlob" = o."Blob", "OutputFormat" = o."Format",
                    "OutputWidth" = o."Width", "OutputHeight" = o."Height", "OutputBytes" = o."Bytes", "Cached" = o."Cached", "CachedFromJobId" = o."CachedFromJobId"
                FROM "JobOutputs" AS o
                WHERE o."JobId" = "ConversionJobs"."Id" AND o."Index" = 0;
                """);

            migrationBuilder.DropTable(
                name: "JobOutputs");
        }
    }
}
