package api

import (
	"context"

	"liaison/services"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyClientAddr
	keyActor
	keySecure
	keyUserAgent
)

func requestID(ctx context.Context) string {
	s, _ := ctx.Value(keyRequestID).(string)
	return s
}

func origin(ctx context.Context) services.Origin {
	addr, _ := ctx.Value(keyClientAddr).(string)
	return services.Origin{ClientAddr: addr, RequestID: requestID(ctx)}
}

// actor returns the signed-in actor that the auth middleware placed in the
// context; operations that declare security never run without one.
func actor(ctx context.Context) services.Actor {
	a, _ := ctx.Value(keyActor).(services.Actor)
	return a
}

// userAgent is the client's User-Agent, kept with its sessions.
func userAgent(ctx context.Context) string {
	s, _ := ctx.Value(keyUserAgent).(string)
	return s
}
