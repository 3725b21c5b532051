export type CommandKind = 'read' | 'write' | 'other';

// `readonly` / `write` flags of COMMAND INFO, Redis 5.0–7.x (data commands only; admin, connection
// and the tool's own INFO/CONFIG/ROLE/PING carry neither flag). Subcommands as 7.0 prints them.
const reads = `get mget getrange substr strlen exists type ttl pttl expiretime pexpiretime dump object|encoding object|freq
object|idletime object|refcount touch randomkey keys scan dbsize lcs
hget hmget hgetall hkeys hvals hlen hexists hstrlen hscan hrandfield
lrange lindex llen lpos
smembers sismember smismember scard srandmember sscan sinter sintercard sunion sdiff
zrange zrangebyscore zrevrangebyscore zrangebylex zrevrangebylex zrevrange zrank zrevrank zscore zmscore zcard zcount
zlexcount zscan zrandmember zinter zintercard zunion zdiff
getbit bitcount bitpos bitfield_ro
pfcount geopos geodist geohash georadius_ro georadiusbymember_ro geosearch
xrange xrevrange xlen xread xinfo|stream xinfo|groups xinfo|consumers xpending
sort_ro evalsha_ro eval_ro fcall_ro memory|usage`;

const writes = `set setnx setex psetex mset msetnx append getset getdel getex incr incrby incrbyfloat decr decrby setrange
del unlink expire pexpire expireat pexpireat persist rename renamenx move copy restore migrate flushdb flushall swapdb
hset hsetnx hmset hdel hincrby hincrbyfloat
lpush rpush lpushx rpushx lpop rpop linsert lset lrem ltrim rpoplpush lmove blpop brpop brpoplpush blmove lmpop blmpop
sadd srem spop smove sinterstore sunionstore sdiffstore
zadd zincrby zrem zremrangebyrank zremrangebyscore zremrangebylex zpopmin zpopmax bzpopmin bzpopmax zmpop bzmpop
zunionstore zinterstore zdiffstore zrangestore
setbit bitop bitfield pfadd pfmerge geoadd georadius georadiusbymember geosearchstore
xadd xdel xtrim xgroup|create xgroup|destroy xgroup|setid xgroup|createconsumer xgroup|delconsumer xack xclaim xautoclaim xreadgroup
sort`;

const table: Readonly<Record<string, CommandKind>> = Object.freeze({
	...Object.fromEntries(reads.split(/\s+/).filter(Boolean).map(c => [c, 'read' as const])),
	...Object.fromEntries(writes.split(/\s+/).filter(Boolean).map(c => [c, 'write' as const])),
});

/**
 * Read, write or other, for a commandstats name (`get`, `config|get`). A map from COMMAND INFO
 * (when the engine has one) wins over the static table; a subcommand falls back to its container.
 */
export function commandKind(name: string, fromServer?: Readonly<Record<string, CommandKind>>): CommandKind {
	const key = name.toLowerCase();
	const container = key.split('|')[0]!;
	return fromServer?.[key] ?? table[key] ?? fromServer?.[container] ?? (key === container ? undefined : table[container]) ?? 'other';
}

export const staticCommandKinds = table;
