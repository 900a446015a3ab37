package telegramtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"image"
	_ "image/gif" // photos the bot may upload
	_ "image/jpeg"
	_ "image/png"
	"mime"
	"net/url"
	"path"
	"strconv"
)

// storedFile is a file Telegram would keep: what was uploaded or sent by
// URL, under the file_id the fake minted, so it can be sent again.
type storedFile struct {
	kind     string // "document", "photo", "sticker", "voice"
	id       string
	uniqueID string
	name     string
	mime     string
	data     []byte
	size     int
	sizes    []wirePhotoSize // photos only, smallest first
}

func (f *storedFile) document() *wireDocument {
	return &wireDocument{FileID: f.id, FileUniqueID: f.uniqueID, FileName: f.name, MimeType: f.mime, FileSize: f.size}
}

// filePrefixes mimic the first bytes of real file_ids, which encode the
// file type; they make a mixed-up id easy to spot in a test log.
var filePrefixes = map[string]string{
	"document": "BQACAgIAAxkBAAI",
	"photo":    "AgACAgIAAxkBAAI",
	"sticker":  "CAACAgIAAxkBAAI",
	"voice":    "AwACAgIAAxkBAAI",
}

// mintFile makes the ids from the content, so the same bytes get the same
// file_id, and stores the file. Callers hold s.mu.
func (s *Server) mintFile(kind, name, mimeType string, data []byte, key string) *storedFile {
	sum := sha256.Sum256([]byte(kind + "\x00" + key))
	id := filePrefixes[kind] + base64.RawURLEncoding.EncodeToString(sum[:18])
	if f := s.files[id]; f != nil {
		return f
	}
	f := &storedFile{
		kind: kind, id: id, uniqueID: "AQAD" + base64.RawURLEncoding.EncodeToString(sum[18:27]),
		name: name, mime: mimeType, data: data, size: len(data),
	}
	s.files[id] = f
	return f
}

// storeUpload keeps an uploaded document or photo. Callers hold s.mu.
func (s *Server) storeUpload(kind string, up *upload, dims [2]int) *storedFile {
	mt := mime.TypeByExtension(path.Ext(up.filename))
	if mt == "" {
		mt = "application/octet-stream"
	}
	f := s.mintFile(kind, up.filename, mt, up.data, string(up.data))
	if kind == "photo" && f.sizes == nil {
		s.photoSizes(f, dims[0], dims[1])
	}
	return f
}

// fileByRef resolves a file given as a string: a file_id the fake minted
// or an http(s) URL, which Telegram would fetch. Callers hold s.mu.
func (s *Server) fileByRef(kind, ref string) (*storedFile, *apiError) {
	if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		name := path.Base(u.Path)
		if name == "." || name == "/" {
			name = "file"
		}
		mt := mime.TypeByExtension(path.Ext(name))
		f := s.mintFile(kind, name, mt, nil, ref)
		if kind == "photo" && f.sizes == nil {
			s.photoSizes(f, 800, 600)
		}
		return f, nil
	}
	f := s.files[ref]
	if f == nil {
		return nil, badRequest("Bad Request: wrong file identifier/HTTP URL specified")
	}
	if f.kind != kind {
		return nil, badRequest("Bad Request: type of file mismatch")
	}
	return f, nil
}

// photoSizes gives a photo the sizes Telegram makes: a 90 px thumbnail, a
// 320 px preview when the photo is larger, and the photo itself (at most
// 1280 px), each with its own file_id.
func (s *Server) photoSizes(f *storedFile, w, h int) {
	scale := func(limit int) (int, int) {
		side := max(w, h)
		if side <= limit {
			return w, h
		}
		return max(1, w*limit/side), max(1, h*limit/side)
	}
	var limits []int
	for _, l := range []int{90, 320} {
		if max(w, h) > l {
			limits = append(limits, l)
		}
	}
	limits = append(limits, 1280)
	for i, l := range limits {
		sw, sh := scale(l)
		ps := wirePhotoSize{FileID: f.id, FileUniqueID: f.uniqueID, Width: sw, Height: sh, FileSize: f.size}
		if i < len(limits)-1 {
			suffix := string(rune('a' + i))
			ps.FileID += suffix
			ps.FileUniqueID += suffix
			if f.size > 0 {
				ps.FileSize = max(1, f.size*sw*sh/max(1, w*h))
			}
			s.files[ps.FileID] = f
		}
		f.sizes = append(f.sizes, ps)
	}
}

// photoDims reads an uploaded photo's size. Telegram rejects what it
// cannot decode as an image, and extreme dimensions.
func photoDims(data []byte) ([2]int, *apiError) {
	if len(data) > 10<<20 {
		return [2]int{}, badRequest("Bad Request: PHOTO_INVALID_DIMENSIONS")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return [2]int{}, badRequest("Bad Request: IMAGE_PROCESS_FAILED")
	}
	w, h := cfg.Width, cfg.Height
	if w <= 0 || h <= 0 || w+h > 10000 || w > 20*h || h > 20*w {
		return [2]int{}, badRequest("Bad Request: PHOTO_INVALID_DIMENSIONS")
	}
	return [2]int{w, h}, nil
}

// userFile mints a file for something a user sends (sticker, photo,
// voice). Callers hold s.mu.
func (s *Server) userFile(kind string, userID int64, n int) *storedFile {
	key := "user/" + kind + "/" + strconv.FormatInt(userID, 10) + "/" + strconv.Itoa(n)
	return s.mintFile(kind, "", "", nil, key)
}
