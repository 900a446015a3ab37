package handlers

import (
	"bytes"
	"context"
	"fmt"

	"ikmbot"
	"ikmbot/flows"
	"ikmbot/report"
)

// ExportStore is what /ekspor needs of storage.
type ExportStore interface {
	// ExportOwners calls fn with the records of the owners in the
	// audience, a batch at a time; owners who deleted their data are
	// never among them. fn's error stops it and is returned as is; other
	// errors are Redis failures.
	ExportOwners(ctx context.Context, a ikmbot.Audience, fn func([]ikmbot.OwnerRecord) error) error
}

// export is staff's /ekspor (issue 8): the conversation that picks the
// file and its owners; one already running resumes.
func (r *Router) export(ctx context.Context, c *call) error {
	if f := flowNamed(c.session.Flow); f == flows.Export {
		return r.runFlow(ctx, c, f, f.Resume(c.ev.ChatID, c.lang, c.session, c.now))
	}
	return r.startFlow(ctx, c, flows.Export, nil, true)
}

// finishExport writes the file the conversation asked for, streaming the
// owners from storage, and sends it to staff as a document with the rows
// of each table in the caption; when no owner matches, it says so and
// sends no file. The work is done while the update is handled: the tap
// on Save was answered before, and a file of the whole province is ready
// in seconds.
func (r *Router) finishExport(ctx context.Context, c *call, answers map[string]string) error {
	if !c.user.Role.Allows(ikmbot.RoleStaff) { // the role was taken away mid-conversation
		c.say(c.t(flows.MsgNotAllowed))
		return nil
	}
	select {
	case r.exporting <- struct{}{}:
		defer func() { <-r.exporting }()
	default:
		// Another export is being written: say so and put the summary
		// back, so Save is one tap away when it is done.
		c.say(c.t(flows.ExBusy))
		return r.runFlow(ctx, c, flows.Export, flows.Export.StartAtSummary(c.ev.ChatID, c.lang, newNonce(), answers, c.now))
	}
	req := flows.ExportFromAnswers(answers)
	tables := flows.ExportTables(c.lang)
	if req.Format == ikmbot.FormatCSV {
		for _, t := range tables {
			if t.ID == req.Table {
				tables = []flows.ExportTable{t}
				break
			}
		}
	}
	data, owners, rows, err := r.writeExport(ctx, c.lang, req, tables)
	if err != nil {
		return fmt.Errorf("export for staff %d: %w", c.ev.UserID, err)
	}
	// Logged before the file goes, and an export that matched nobody too:
	// the log says who looked for what.
	detail := ikmbot.AuditFormatXLSX
	if req.Format == ikmbot.FormatCSV {
		detail = ikmbot.AuditFormatCSV + string(req.Table)
	}
	audience := req.Audience
	r.audit(ctx, c, ikmbot.AuditEntry{Action: ikmbot.AuditExport, Detail: detail, Rows: int64(owners), Audience: &audience})
	if owners == 0 {
		if req.Audience.Narrows() {
			c.say(c.t(flows.ExNobody))
		} else {
			c.say(c.t(flows.ExNoOwners))
		}
		return nil
	}
	c.out = append(c.out, ikmbot.Message{ChatID: c.ev.ChatID, Document: &ikmbot.File{
		Name:    flows.ExportFileName(c.lang, req, c.now, r.cfg.Location),
		Data:    data,
		Caption: flows.ExportCaption(c.lang, req.Audience, tables, rows, c.now, r.cfg.Location),
	}})
	return nil
}

// writeExport writes tables (every one for a workbook, the one for a
// CSV) of the owners of req's audience, in lang with times in the bot's
// zone, and returns the file, how many owners are in it and how many rows
// each table has. Rows go to the file as each batch of owners arrives:
// memory holds a batch and the file being built, never every owner's
// record.
func (r *Router) writeExport(ctx context.Context, lang string, req flows.ExportRequest, tables []flows.ExportTable) (data []byte, owners int, rows map[flows.ExportTableID]int, err error) {
	out := make(map[flows.ExportTableID]report.Table, len(tables))
	var finish func() ([]byte, error)
	if req.Format == ikmbot.FormatCSV {
		var buf bytes.Buffer
		csv, err := report.NewCSV(&buf, tables[0].Headers)
		if err != nil {
			return nil, 0, nil, err
		}
		out[tables[0].ID] = csv
		finish = func() ([]byte, error) {
			if err := csv.Flush(); err != nil {
				return nil, err
			}
			return buf.Bytes(), nil
		}
	} else {
		wb, err := report.NewWorkbook()
		if err != nil {
			return nil, 0, nil, err
		}
		defer wb.Close()
		for _, t := range tables {
			if out[t.ID], err = wb.Sheet(t.Name, t.Headers); err != nil {
				return nil, 0, nil, err
			}
		}
		finish = wb.Bytes
	}
	rows = make(map[flows.ExportTableID]int, len(tables))
	write := func(recs []ikmbot.OwnerRecord) error {
		for _, rec := range recs {
			owners++
			for id, cells := range flows.ExportRows(lang, r.cfg.Location, rec) {
				t, ok := out[id]
				if !ok {
					continue
				}
				for _, row := range cells {
					if err := t.Row(reportCells(row)...); err != nil {
						return err
					}
					rows[id]++
				}
			}
		}
		return nil
	}
	// The file is written in a goroutine of its own while storage reads
	// the next batch: waiting for Redis and writing rows overlap. One
	// batch waits at most, so memory stays bounded.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []ikmbot.OwnerRecord, 1)
	written := make(chan error, 1)
	go func() {
		var err error
		// The router recovers a panic in the update's goroutine, not in
		// this one: here it would stop the bot for everyone.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("export: panic writing rows: %v", p)
				cancel()
				for range batches { // let the reader finish
				}
			}
			written <- err
		}()
		for recs := range batches {
			if err == nil {
				if err = write(recs); err != nil {
					cancel()
				}
			}
		}
	}()
	err = r.cfg.Store.ExportOwners(ctx, req.Audience, func(recs []ikmbot.OwnerRecord) error {
		select {
		case batches <- recs:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(batches)
	if werr := <-written; werr != nil {
		return nil, 0, nil, werr
	}
	if err != nil {
		return nil, 0, nil, err
	}
	if data, err = finish(); err != nil {
		return nil, 0, nil, err
	}
	return data, owners, rows, nil
}

// reportCells turns the day cells of flows.ExportRows into the report's,
// in place: flows knows nothing of report.
func reportCells(row []any) []any {
	for i, c := range row {
		if d, ok := c.(flows.ExportDay); ok {
			row[i] = report.Day(d)
		}
	}
	return row
}
