package extract

import "github.com/farsight-osint/farsight"

// The Ukrainian and Russian entries of the lexicons. Words ending in "*"
// match every word they begin, so one entry covers a word's cases and
// forms ("безпілотник*": безпілотники, безпілотників, безпілотниками).
// Cyrillic and Latin words never collide, so each lexicon holds all three
// languages.

func weaponCue(t farsight.EventType) cue { return cue{typ: t, kind: cueWeapon} }
func eventiveCue(t farsight.EventType) cue {
	return cue{typ: t, kind: cueWeapon, eventive: true}
}

var cyrCueEntries = map[string]cue{
	// drones
	"безпілотник*": weaponCue(farsight.DroneStrike), "беспилотник*": weaponCue(farsight.DroneStrike),
	"безпілотн* літальн*": weaponCue(farsight.DroneStrike), "беспилотн* летательн*": weaponCue(farsight.DroneStrike),
	"дрон*": weaponCue(farsight.DroneStrike), "бпла": weaponCue(farsight.DroneStrike), "бпла*": weaponCue(farsight.DroneStrike),
	"шахед*":      {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"герань*":     {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"ланцет*":     {typ: farsight.DroneStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"атак* дрон*": eventiveCue(farsight.DroneStrike), "атак* безпілотник*": eventiveCue(farsight.DroneStrike),
	"атак* беспилотник*": eventiveCue(farsight.DroneStrike), "атак* бпла": eventiveCue(farsight.DroneStrike),
	"удар* дрон*": eventiveCue(farsight.DroneStrike), "удар* безпілотник*": eventiveCue(farsight.DroneStrike),
	// naval drones
	"морськ* дрон*": weaponCue(farsight.NavalDroneStrike), "морськ* безпілотник*": weaponCue(farsight.NavalDroneStrike),
	"морск* дрон*": weaponCue(farsight.NavalDroneStrike), "морск* беспилотник*": weaponCue(farsight.NavalDroneStrike),
	"безекіпажн* катер*": weaponCue(farsight.NavalDroneStrike), "безэкипажн* катер*": weaponCue(farsight.NavalDroneStrike),
	"безекіпажн* човн*": weaponCue(farsight.NavalDroneStrike), "безэкипажн* лодк*": weaponCue(farsight.NavalDroneStrike),
	"надводн* дрон*": weaponCue(farsight.NavalDroneStrike), "безэкипажн* судн*": weaponCue(farsight.NavalDroneStrike),
	// missiles
	"ракет*": weaponCue(farsight.MissileStrike), "ракетн* удар*": eventiveCue(farsight.MissileStrike),
	"ракетн* атак*": eventiveCue(farsight.MissileStrike), "ракетн* обстріл*": eventiveCue(farsight.MissileStrike),
	"іскандер*": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"искандер*": {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"калібр*":   {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"калибр*":   {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"кинджал*":  {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"кинжал*":   {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"х 101":     {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"х 555":     {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"х 22":      {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"х 59":      {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"с 300":     {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"нептун*":   {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"атакмс":    {typ: farsight.MissileStrike, kind: cueWeapon, actor: farsight.ActorUkraine},
	"storm":     {}, // keeps "Storm Shadow" English
	// air strikes
	"авіабомб*": weaponCue(farsight.AirStrike), "авиабомб*": weaponCue(farsight.AirStrike),
	"керован* авіабомб*":      {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"корректируем* авиабомб*": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"каб": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "каби": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"кабів": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "кабами": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"кабы": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia}, "кабов": {typ: farsight.AirStrike, kind: cueWeapon, actor: farsight.ActorRussia},
	"авіаудар*": eventiveCue(farsight.AirStrike), "авиаудар*": eventiveCue(farsight.AirStrike),
	"бомбардуван*": eventiveCue(farsight.AirStrike), "бомбардировк*": eventiveCue(farsight.AirStrike),
	"бомбардувал*": eventiveCue(farsight.AirStrike), "бомбардировал*": eventiveCue(farsight.AirStrike),
	"бомбил*":         eventiveCue(farsight.AirStrike),
	"авіаційн* удар*": eventiveCue(farsight.AirStrike), "авиационн* удар*": eventiveCue(farsight.AirStrike),
	// artillery
	"обстріл*": eventiveCue(farsight.Artillery), "обстрел*": eventiveCue(farsight.Artillery),
	"обстрілял*": eventiveCue(farsight.Artillery), "обстреля*": eventiveCue(farsight.Artillery),
	"артилері*": weaponCue(farsight.Artillery), "артилер*": weaponCue(farsight.Artillery), "артиллери*": weaponCue(farsight.Artillery),
	"міномет*": weaponCue(farsight.Artillery), "миномет*": weaponCue(farsight.Artillery), "рсзв": weaponCue(farsight.Artillery),
	"рсзо": weaponCue(farsight.Artillery), "гаубиц*": weaponCue(farsight.Artillery), "снаряд*": weaponCue(farsight.Artillery),
	"хаймарс*": {typ: farsight.Artillery, kind: cueWeapon, actor: farsight.ActorUkraine},
	// interception
	"збит*":       {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"збил*":       {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"збив":        {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"сбит*":       {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"сбил*":       {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"перехоплен*": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"перехопил*":  {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"перехвачен*": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"перехватил*": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"знешкоджен*": {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"подавлен*":   {typ: farsight.Interception, kind: cueIntercept, outcome: "intercepted", eventive: true},
	"ппо":         {typ: farsight.Interception, kind: cueIntercept}, "пво": {typ: farsight.Interception, kind: cueIntercept},
	"протиповітрян* оборон*":  {typ: farsight.Interception, kind: cueIntercept},
	"противовоздушн* оборон*": {typ: farsight.Interception, kind: cueIntercept},
	"засоб* ппо":              {typ: farsight.Interception, kind: cueIntercept}, "средств* пво": {typ: farsight.Interception, kind: cueIntercept},
	// sabotage
	"диверс*": eventiveCue(farsight.Sabotage), "підпал*": eventiveCue(farsight.Sabotage), "поджог*": eventiveCue(farsight.Sabotage),
	"підірвал*": eventiveCue(farsight.Sabotage), "підрив*": eventiveCue(farsight.Sabotage), "подрыв*": eventiveCue(farsight.Sabotage),
	"взорвал*": eventiveCue(farsight.Sabotage), "теракт*": eventiveCue(farsight.Sabotage),
	"партизан*": {typ: farsight.Sabotage, kind: cueWeapon, actor: farsight.ActorUkraine, eventive: true},
	"вибухівк*": weaponCue(farsight.Sabotage), "взрывчатк*": weaponCue(farsight.Sabotage),
	// explosions
	"вибух*": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "взрыв*": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"детонаці*": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "детонаци*": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"воронк*": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "вирва": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "вирви": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	"бавовн*": {typ: farsight.ExplosionUnknown, kind: cueExplosion}, "хлопк*": {typ: farsight.ExplosionUnknown, kind: cueExplosion},
	// attacks, with no weapon named
	"випустил*": {kind: cueAttack}, "випустив": {kind: cueAttack}, "випускают": {kind: cueAttack}, "випускають": {kind: cueAttack},
	"выпустил*": {kind: cueAttack}, "выпускают": {kind: cueAttack}, "запустил*": {kind: cueAttack}, "запустив": {kind: cueAttack},
	"впал*": {kind: cueAttack, outcome: "hit"}, "впав": {kind: cueAttack, outcome: "hit"}, "упал*": {kind: cueAttack, outcome: "hit"},
	"упав":  {kind: cueAttack, outcome: "hit"},
	"атак*": {kind: cueAttack}, "удар*": {kind: cueAttack}, "скинул*": {kind: cueAttack}, "скинув": {kind: cueAttack},
	"сбросил*": {kind: cueAttack}, "сбросив": {kind: cueAttack}, "вдарил*": {kind: cueAttack, outcome: "hit"},
	"вдарив": {kind: cueAttack, outcome: "hit"}, "ударил*": {kind: cueAttack, outcome: "hit"},
	"влучан*": {kind: cueAttack, outcome: "hit"}, "влучил*": {kind: cueAttack, outcome: "hit"}, "влучив": {kind: cueAttack, outcome: "hit"},
	"поцілил*": {kind: cueAttack, outcome: "hit"}, "попадан*": {kind: cueAttack, outcome: "hit"}, "попал*": {kind: cueAttack, outcome: "hit"},
	"уражен*": {kind: cueAttack, outcome: "hit"}, "уразил*": {kind: cueAttack, outcome: "hit"}, "уражено": {kind: cueAttack, outcome: "hit"},
	"уразив": {kind: cueAttack, outcome: "hit"}, "вразил*": {kind: cueAttack, outcome: "hit"}, "вразив": {kind: cueAttack, outcome: "hit"},
	"запуск": {kind: cueAttack}, "запуска*": {kind: cueAttack}, "сбрасыва*": {kind: cueAttack}, "скида*": {kind: cueAttack},
	"відпрацювал*": {kind: cueAttack}, "отработал*": {kind: cueAttack},
	"артудар*": eventiveCue(farsight.Artillery), "артобстріл*": eventiveCue(farsight.Artillery), "артобстрел*": eventiveCue(farsight.Artillery),
	"поражен*": {kind: cueAttack, outcome: "hit"}, "поразил*": {kind: cueAttack, outcome: "hit"},
	"приліт*": {kind: cueAttack, outcome: "hit"}, "прильот*": {kind: cueAttack, outcome: "hit"}, "прилет*": {kind: cueAttack, outcome: "hit"},
	"прилёт*": {kind: cueAttack, outcome: "hit"}, "обстрілю*": {kind: cueAttack}, "обстрелива*": {kind: cueAttack},
	"атакувал*": {kind: cueAttack}, "атакова*": {kind: cueAttack}, "атакуют": {kind: cueAttack}, "атакують": {kind: cueAttack},
	"завдал* удар*": {kind: cueAttack}, "нанесл* удар*": {kind: cueAttack}, "наносил* удар*": {kind: cueAttack},
	// outcomes
	"руйнуван*": {kind: cueOutcome, outcome: "damaged"}, "ушкоджен*": {kind: cueOutcome, outcome: "damaged"},
	"пошкоджен*": {kind: cueOutcome, outcome: "damaged"}, "пошкодил*": {kind: cueOutcome, outcome: "damaged"},
	"пошкодив": {kind: cueOutcome, outcome: "damaged"}, "поврежден*": {kind: cueOutcome, outcome: "damaged"},
	"повредил*": {kind: cueOutcome, outcome: "damaged"}, "зруйнован*": {kind: cueOutcome, outcome: "destroyed"},
	"зруйнувал*": {kind: cueOutcome, outcome: "destroyed"}, "разрушен*": {kind: cueOutcome, outcome: "destroyed"},
	"разрушил*": {kind: cueOutcome, outcome: "destroyed"}, "знищен*": {kind: cueOutcome, outcome: "destroyed"},
	"знищил*": {kind: cueOutcome, outcome: "destroyed"}, "знищив": {kind: cueOutcome, outcome: "destroyed"},
	// The perfective infinitive ("вдалося знищити") and the present ("ЗСУ
	// знищують склад"); not the imperfective infinitive of a habit or a
	// plan ("продовжує системно знищувати об'єкти").
	"знищити": {kind: cueOutcome, outcome: "destroyed"}, "знищують": {kind: cueOutcome, outcome: "destroyed"},
	"знищує": {kind: cueOutcome, outcome: "destroyed"}, "уничтожить": {kind: cueOutcome, outcome: "destroyed"},
	"уничтожают": {kind: cueOutcome, outcome: "destroyed"}, "уничтожает": {kind: cueOutcome, outcome: "destroyed"},
	"висадил* в повітря": {kind: cueOutcome, outcome: "destroyed"}, "висадив в повітря": {kind: cueOutcome, outcome: "destroyed"},
	"висадил* у повітря": {kind: cueOutcome, outcome: "destroyed"}, "висадив у повітря": {kind: cueOutcome, outcome: "destroyed"},
	"знищено": {kind: cueOutcome, outcome: "destroyed"}, "уничтожен*": {kind: cueOutcome, outcome: "destroyed"},
	"уничтожил*": {kind: cueOutcome, outcome: "destroyed"}, "потоплен*": {kind: cueOutcome, outcome: "destroyed"},
	"потопил*": {kind: cueOutcome, outcome: "destroyed"}, "затонул*": {kind: cueOutcome, outcome: "destroyed"},
	"пожеж*": {kind: cueOutcome, outcome: "fire"}, "пожар*": {kind: cueOutcome, outcome: "fire"},
	"загорання": {kind: cueOutcome, outcome: "fire"}, "возгоран*": {kind: cueOutcome, outcome: "fire"}, "горить": {kind: cueOutcome, outcome: "fire"},
	"горит": {kind: cueOutcome, outcome: "fire"}, "без руйнувань": {kind: cueOutcome, outcome: "no_damage"},
	"без разрушений": {kind: cueOutcome, outcome: "no_damage"}, "без пошкоджень": {kind: cueOutcome, outcome: "no_damage"},
	"разрушений нет": {kind: cueOutcome, outcome: "no_damage"}, "повреждений нет": {kind: cueOutcome, outcome: "no_damage"},
	"руйнувань немає": {kind: cueOutcome, outcome: "no_damage"}, "пошкоджень немає": {kind: cueOutcome, outcome: "no_damage"},
	"разрушений не": {kind: cueOutcome, outcome: "no_damage"}, "не пострадал*": {kind: cueOutcome, outcome: "no_damage"},
	"не постраждал*": {kind: cueOutcome, outcome: "no_damage"}, "не пошкоджен*": {kind: cueOutcome, outcome: "no_damage"},
	"не поврежден*":      {kind: cueOutcome, outcome: "no_damage"},
	"високоточн* зброє*": weaponCue(farsight.MissileStrike), "высокоточн* оружи*": weaponCue(farsight.MissileStrike),
	"крилат* ракет*": weaponCue(farsight.MissileStrike), "крылат* ракет*": weaponCue(farsight.MissileStrike),
	// violence without a weapon named
	"загинул*": {kind: cueViolence}, "загинув": {kind: cueViolence}, "загибл*": {kind: cueViolence}, "загибел*": {kind: cueViolence},
	"погиб*": {kind: cueViolence}, "поранен*": {kind: cueViolence}, "ранен*": {kind: cueViolence}, "постраждал*": {kind: cueViolence},
	"пострадал*": {kind: cueViolence}, "жертв*": {kind: cueViolence}, "вбит*": {kind: cueViolence}, "убит*": {kind: cueViolence},
	"вбил*": {kind: cueViolence}, "убил*": {kind: cueViolence}, "ліквідован*": {kind: cueViolence}, "ліквідувал*": {kind: cueViolence},
	"ликвидирова*": {kind: cueViolence}, "штурм*": {kind: cueViolence}, "бої": {kind: cueViolence}, "боях": {kind: cueViolence},
	"бой": {kind: cueViolence}, "боев*": {kind: cueViolence}, "втрат*": {kind: cueViolence}, "потер*": {kind: cueViolence},
	"наступ*": {kind: cueViolence}, "наступлен*": {kind: cueViolence}, "контрнаступ*": {kind: cueViolence},
}

var cyrTargetEntries = map[string]string{
	"корабл*": "naval_vessel", "корабел*": "naval_vessel", "корабель": "naval_vessel", "судн*": "naval_vessel", "судно": "naval_vessel",
	"фрегат*": "naval_vessel", "крейсер*": "naval_vessel", "корвет*": "naval_vessel", "підводн* човн*": "naval_vessel",
	"подводн* лодк*": "naval_vessel", "десантн* корабл*": "naval_vessel", "ракетн* корабл*": "naval_vessel", "катер*": "naval_vessel",
	"флот*": "naval_vessel", "флотилі*": "naval_vessel", "флотили*": "naval_vessel",
	"порт*": "port", "причал*": "port", "пристан*": "port", "військово-морськ* баз*": "port", "военно-морск* баз*": "port",
	"аеродром*": "airbase", "аэродром*": "airbase", "авіабаз*": "airbase", "авиабаз*": "airbase",
	"літак*": "aircraft", "самолет*": "aircraft", "самолёт*": "aircraft", "гелікоптер*": "aircraft", "вертол*": "aircraft",
	"зрк": "air_defence", "зенітн* ракетн* комплекс*": "air_defence", "зенитн* ракетн* комплекс*": "air_defence",
	"радар*": "air_defence", "рлс": "air_defence", "с 400": "air_defence",
	"нпз": "oil_refinery", "нафтопереробн* завод*": "oil_refinery", "нефтеперерабатывающ* завод*": "oil_refinery",
	"нафтопереробн*": "oil_refinery", "нефтеперераб*": "oil_refinery",
	"нафтобаз*": "fuel_depot", "нефтебаз*": "fuel_depot", "паливн* склад*": "fuel_depot", "топливн* склад*": "fuel_depot",
	"склад* пальн*": "fuel_depot", "склад* гсм": "fuel_depot", "резервуар*": "fuel_depot", "нафтов* термінал*": "fuel_depot",
	"нефтян* терминал*": "fuel_depot", "нафтоналивн*": "fuel_depot", "нефтеналивн*": "fuel_depot",
	"підстанці*": "energy", "подстанци*": "energy", "електростанці*": "energy", "электростанци*": "energy", "тец": "energy",
	"тэц": "energy", "тес": "energy", "тэс": "energy", "енергетичн* інфраструктур*": "energy", "энергетическ* инфраструктур*": "energy",
	"енергооб*": "energy", "енергетичн* об*": "energy", "енергосистем*": "energy",
	"склад* боєприпас*": "ammunition_depot", "склад* боеприпас*": "ammunition_depot", "боєприпас*": "ammunition_depot",
	"боеприпас*": "ammunition_depot", "арсенал*": "ammunition_depot", "склад* бк": "ammunition_depot",
	"особов* склад*": "military_unit", "личн* состав*": "military_unit", "позиці*": "military_unit", "позици*": "military_unit",
	"військовослужбов*": "military_unit", "военнослужащ*": "military_unit", "техні*": "military_unit", "техник*": "military_unit",
	"командн* пункт*": "command_post", "штаб*": "command_post",
	"оборонн* завод*": "defence_industry", "оборонн* підприємств*": "defence_industry", "оборонн* предприяти*": "defence_industry",
	"залізниц*": "logistics", "железн* дорог*": "logistics", "потяг*": "logistics", "поезд*": "logistics",
	"ешелон*": "logistics", "эшелон*": "logistics", "міст": "logistics", "мосту": "logistics", "мост": "logistics", "моста": "logistics",
	"переправ*":    "logistics",
	"адмінбудівл*": "government", "адміністративн* будівл*": "government", "административн* здани*": "government",
	"житлов* будин*": "civilian", "жил* дом*": "civilian", "багатоповерхів*": "civilian", "многоэтажк*": "civilian",
	"лікарн*": "civilian", "больниц*": "civilian", "школ*": "civilian", "приватн* будин*": "civilian", "цивільн*": "civilian",
	"мирн* жител*": "civilian", "мирних": "civilian",
}

var cyrSpeakerEntries = map[string]farsight.SourceKind{
	"генштаб*": farsight.SourceUAOfficial, "генеральн* штаб*": farsight.SourceUAOfficial, "повітрян* сил*": farsight.SourceUAOfficial,
	"гур": farsight.SourceUAOfficial, "гур мо": farsight.SourceUAOfficial, "головн* управлінн* розвідк*": farsight.SourceUAOfficial,
	"сбу": farsight.SourceUAOfficial, "служб* безпеки україни": farsight.SourceUAOfficial, "вмс": farsight.SourceUAOfficial,
	"вмс зсу": farsight.SourceUAOfficial, "військово-морськ* сил*": farsight.SourceUAOfficial, "зсу": farsight.SourceUAOfficial,
	"сил* оборон*": farsight.SourceUAOfficial, "оперативн* командуванн*": farsight.SourceUAOfficial, "зеленськ*": farsight.SourceUAOfficial,
	"ова": farsight.SourceUAOfficial, "мва": farsight.SourceUAOfficial, "ода": farsight.SourceUAOfficial,
	"обласн* військов* адміністраці*": farsight.SourceUAOfficial, "начальник* ова": farsight.SourceUAOfficial,
	"голов* ова": farsight.SourceUAOfficial, "сили оборони": farsight.SourceUAOfficial, "ссо": farsight.SourceUAOfficial,
	"біл* дім*": farsight.SourceUnknown, "біл* дом*": farsight.SourceUnknown, "бел* дом*": farsight.SourceUnknown,
	"сил* безпеки": farsight.SourceUAOfficial, "спецслужб*": farsight.SourceUnknown, "ок південь": farsight.SourceUAOfficial, "ок юг": farsight.SourceUAOfficial, "ок північ": farsight.SourceUAOfficial,
	"ок схід": farsight.SourceUAOfficial, "ок захід": farsight.SourceUAOfficial, "оперативн* командуванн* південь": farsight.SourceUAOfficial,
	"оперативн* командовани* юг": farsight.SourceUAOfficial, "сили оборони півдня": farsight.SourceUAOfficial,
	"міноборони україни": farsight.SourceUAOfficial, "мо україни": farsight.SourceUAOfficial,
	"міноборони рф": farsight.SourceRUOfficial, "міноборони росії": farsight.SourceRUOfficial, "мо рф": farsight.SourceRUOfficial,
	"минобороны рф": farsight.SourceRUOfficial, "минобороны россии": farsight.SourceRUOfficial, "министерств* оборон* рф": farsight.SourceRUOfficial,
	"министерств* оборон* россии": farsight.SourceRUOfficial, "міністерств* оборон* рф": farsight.SourceRUOfficial,
	"міністерств* оборон* росії": farsight.SourceRUOfficial, "кремл*": farsight.SourceRUOfficial, "песков*": farsight.SourceRUOfficial,
	"окупаційн* влад*": farsight.SourceRUOfficial, "оккупацион* власт*": farsight.SourceRUOfficial, "гладков*": farsight.SourceRUOfficial,
	"богомаз*": farsight.SourceRUOfficial, "старовойт*": farsight.SourceRUOfficial, "аксьонов*": farsight.SourceRUOfficial,
	"аксенов*": farsight.SourceRUOfficial, "развожаев*": farsight.SourceRUOfficial, "пушилін*": farsight.SourceRUOfficial,
	"пушилин*": farsight.SourceRUOfficial, "сальдо": farsight.SourceRUOfficial, "балицьк*": farsight.SourceRUOfficial,
	"балицк*": farsight.SourceRUOfficial, "росіян*": farsight.SourceRUOfficial,
	"губернатор*": farsight.SourceUnknown, "мер": farsight.SourceUnknown, "мера": farsight.SourceUnknown, "мэр": farsight.SourceUnknown, "мэра": farsight.SourceUnknown, "міськ* голов*": farsight.SourceUnknown,
	"тасс": farsight.SourceMedia, "риа новости": farsight.SourceMedia, "риа": farsight.SourceMedia, "интерфакс": farsight.SourceMedia,
	"укрінформ*": farsight.SourceMedia, "суспільн*": farsight.SourceMedia, "українськ* правд*": farsight.SourceMedia,
	"громадськ*": farsight.SourceMedia, "рбк": farsight.SourceMedia, "змі": farsight.SourceMedia, "сми": farsight.SourceMedia,
	"росзмі": farsight.SourceMedia, "медіа": farsight.SourceMedia, "медиа": farsight.SourceMedia, "телеграм-канал*": farsight.SourceMedia,
	"джерел*": farsight.SourceUnknown, "источник*": farsight.SourceUnknown, "влад*": farsight.SourceUnknown, "власт*": farsight.SourceUnknown, "очевидц*": farsight.SourceUnknown,
	"місцев* жител*": farsight.SourceUnknown, "местн* жител*": farsight.SourceUnknown, "мешканц*": farsight.SourceUnknown,
}

// cyrSaidVerbs attribute a statement, with their stance.
var cyrSaidVerbs = map[string]farsight.Stance{
	"повідомив": farsight.StanceAsserts, "повідомила": farsight.StanceAsserts, "повідомили": farsight.StanceAsserts,
	"повідомляє": farsight.StanceAsserts, "повідомляють": farsight.StanceAsserts, "заявив": farsight.StanceAsserts,
	"заявила": farsight.StanceAsserts, "заявили": farsight.StanceAsserts, "заявляє": farsight.StanceAsserts, "сказав": farsight.StanceAsserts,
	"написав": farsight.StanceAsserts, "написала": farsight.StanceAsserts, "розповів": farsight.StanceAsserts, "зазначив": farsight.StanceAsserts,
	"інформує": farsight.StanceAsserts, "пише": farsight.StanceAsserts, "звітує": farsight.StanceAsserts, "відзвітували": farsight.StanceAsserts,
	"сообщил": farsight.StanceAsserts, "сообщила": farsight.StanceAsserts, "сообщили": farsight.StanceAsserts, "сообщает": farsight.StanceAsserts,
	"сообщают": farsight.StanceAsserts, "заявил": farsight.StanceAsserts, "заявляет": farsight.StanceAsserts, "сказал": farsight.StanceAsserts,
	"написал": farsight.StanceAsserts, "рассказал": farsight.StanceAsserts, "отметил": farsight.StanceAsserts, "отчитались": farsight.StanceAsserts,
	"підтвердив": farsight.StanceConfirms, "підтвердила": farsight.StanceConfirms, "підтвердили": farsight.StanceConfirms,
	"підтверджує": farsight.StanceConfirms, "подтвердил": farsight.StanceConfirms, "подтвердила": farsight.StanceConfirms,
	"подтвердили": farsight.StanceConfirms, "визнав": farsight.StanceConfirms, "признал": farsight.StanceConfirms, "признали": farsight.StanceConfirms,
	"заперечив": farsight.StanceDenies, "заперечили": farsight.StanceDenies, "заперечує": farsight.StanceDenies, "спростував": farsight.StanceDenies,
	"спростували": farsight.StanceDenies, "спростовує": farsight.StanceDenies, "опроверг": farsight.StanceDenies, "опровергли": farsight.StanceDenies,
	"отрицает": farsight.StanceDenies, "опровергает": farsight.StanceDenies,
	"заявило": farsight.StanceAsserts, "повідомило": farsight.StanceAsserts, "сообщило": farsight.StanceAsserts,
	"стверджує": farsight.StanceAsserts, "стверджують": farsight.StanceAsserts, "утверждает": farsight.StanceAsserts,
	"утверждают": farsight.StanceAsserts, "пишуть": farsight.StanceAsserts, "пишут": farsight.StanceAsserts,
	"повідомляли": farsight.StanceAsserts, "сообщалось": farsight.StanceAsserts, "повідомлялося": farsight.StanceAsserts,
	"заявляют": farsight.StanceAsserts, "заявляють": farsight.StanceAsserts, "наголосив": farsight.StanceAsserts,
	"уточнив": farsight.StanceAsserts, "уточнил": farsight.StanceAsserts, "додав": farsight.StanceAsserts, "добавил": farsight.StanceAsserts,
	"підтвердило": farsight.StanceConfirms, "подтвердило": farsight.StanceConfirms, "визнали": farsight.StanceConfirms,
	"заперечило": farsight.StanceDenies, "опровергло": farsight.StanceDenies, "спростувало": farsight.StanceDenies,
}

var cyrUnverifiedEntries = map[string]bool{
	"нібито": true, "буцімто": true, "якобы": true, "імовірно": true, "ймовірно": true, "вероятно": true, "предположительно": true,
	"можливо": true, "возможно": true, "не підтверджен*": true, "не подтвержден*": true, "неперевірен*": true, "непроверен*": true,
	"не вдалося перевірити": true, "не удалось проверить": true, "не удалось независимо": true, "не вдалося незалежно": true,
}

var cyrDenialEntries = map[string]bool{
	"заперечу*": true, "заперечи*": true, "спростову*": true, "спростува*": true, "опроверга*": true, "опроверг*": true, "отрица*": true,
	"не соответству* действительности": true, "не відповіда* дійсності": true,
}

var cyrNoDamageEntries = map[string]bool{
	"разрушений нет": true, "повреждений нет": true, "пошкоджень немає": true, "руйнувань немає": true, "без пошкоджень": true,
	"без повреждений": true, "пошкоджень не зафіксовано": true, "повреждений не зафиксировано": true, "обошлось без": true,
}

var cyrFootageEntries = map[string]bool{
	"відео*": true, "видео*": true, "кадр*": true, "фото*": true, "знімк*": true, "снимк*": true, "відеозапис*": true,
}

var cyrBackgroundEntries = map[string]bool{
	"з початку повномасштабн*": true, "с начала сво": true, "з початку війни": true, "с начала войны": true,
	"раніше": true, "ранее": true, "неодноразово": true, "неоднократно": true, "регулярно": true, "щодня": true,
	"ежедневно": true, "кожної ночі": true, "каждую ночь": true, "систематично": true, "нагадаємо": true, "напомним": true,
	"нагадаємо,": true, "пишуть аналітики": true, "пишут аналитики": true, "на думку експертів": true, "по мнению экспертов": true,
	// "из-за атак" (plural): because of the attacks in general; "из-за
	// атаки РФ по нефтебазе" is this one.
	"из за атак": true, "из за ударов": true, "через атаки": true,
	// capability and advice, not an event: "може знищувати аеродроми",
	// "важливо знищити нафтобазу".
	"може знищ*": true, "можуть знищ*": true, "может уничтож*": true, "могут уничтож*": true,
	"важливо знищ*": true, "важно уничтож*": true, "треба знищ*": true, "потрібно знищ*": true, "нужно уничтож*": true, "через удари": true, "прекратить удары": true, "припинити удари": true,
	"прекратить атаки": true, "припинити атаки": true, "вопрос к": true, "питання до": true,
	"за різними оцінками": true, "по разным оценкам": true, "за оцінками": true, "по оценкам": true,
}

var cyrNewEventEntries = map[string]bool{
	"також": true, "также": true, "крім того": true, "кроме того": true, "окрім того": true, "водночас": true,
	"одновременно": true, "тим часом": true, "тем временем": true,
}

// cyrSummaryEntries are daily-summary phrases: a report on the day before
// publication ("за минулу добу", "за прошедшие сутки").
var cyrSummaryEntries = map[string]bool{
	"за добу": true, "за минулу добу": true, "протягом доби": true, "за сутки": true, "за прошедшие сутки": true,
	"в течение суток": true, "за минувшие сутки": true, "за останню добу": true, "протягом минулої доби": true,
	"упродовж доби": true, "впродовж доби": true, "упродовж минулої доби": true, "впродовж минулої доби": true,
	"за останні 24 години": true, "за минулі 24 години": true, "за последние сутки": true, "за прошлые сутки": true,
	"за истекшие сутки": true, "в течение прошедших суток": true, "за последние 24 часа": true, "за прошедшие 24 часа": true,
	"минулої доби": true, "за минувшие 24 часа": true,
}

var cyrDebrisEntries = map[string]bool{"уламк*": true, "обломк*": true, "осколк*": true}

var cyrAccidentEntries = map[string]bool{
	"аварі*": true, "авари*": true, "технічн* несправн*": true, "техническ* неисправн*": true, "навчальн* політ*": true,
	"учебн* полет*": true, "вибух* газ*": true, "взрыв* газ*": true, "витік* газ*": true, "утечк* газ*": true,
}

// cyrMonths are month names in the nominative, genitive ("6 листопада")
// and locative ("у листопаді") of both languages.
var cyrMonths = map[string]int{
	"січень": 1, "січня": 1, "січні": 1, "лютий": 2, "лютого": 2, "лютому": 2, "березень": 3, "березня": 3, "березні": 3,
	"квітень": 4, "квітня": 4, "квітні": 4, "травень": 5, "травня": 5, "травні": 5, "червень": 6, "червня": 6, "червні": 6,
	"липень": 7, "липня": 7, "липні": 7, "серпень": 8, "серпня": 8, "серпні": 8, "вересень": 9, "вересня": 9, "вересні": 9,
	"жовтень": 10, "жовтня": 10, "жовтні": 10, "листопад": 11, "листопада": 11, "листопаді": 11, "грудень": 12, "грудня": 12, "грудні": 12,
	"январь": 1, "января": 1, "январе": 1, "февраль": 2, "февраля": 2, "феврале": 2, "март": 3, "марта": 3, "марте": 3,
	"апрель": 4, "апреля": 4, "апреле": 4, "май": 5, "мая": 5, "мае": 5, "июнь": 6, "июня": 6, "июне": 6,
	"июль": 7, "июля": 7, "июле": 7, "август": 8, "августа": 8, "августе": 8, "сентябрь": 9, "сентября": 9, "сентябре": 9,
	"октябрь": 10, "октября": 10, "октябре": 10, "ноябрь": 11, "ноября": 11, "ноябре": 11, "декабрь": 12, "декабря": 12, "декабре": 12,
}

// cyrWeekdays are weekday names in the cases a date takes.
var cyrWeekdays = map[string]int{
	"неділя": 0, "неділю": 0, "неділі": 0, "понеділок": 1, "понеділка": 1, "вівторок": 2, "вівторка": 2, "середа": 3, "середу": 3, "середи": 3,
	"четвер": 4, "четверга": 4, "п'ятниця": 5, "п'ятницю": 5, "п'ятниці": 5, "субота": 6, "суботу": 6, "суботи": 6,
	"воскресенье": 0, "воскресенья": 0, "понедельник": 1, "понедельника": 1, "вторник": 2, "вторника": 2, "среда": 3, "среду": 3,
	"среды": 3, "четверг": 4, "пятница": 5, "пятницу": 5, "пятницы": 5, "суббота": 6, "субботу": 6, "субботы": 6,
}

// cyrRelativeDays date an event relative to publication, in days: the
// night before publication ("вночі", "минулої ночі", "прошлой ночью") is
// dated by the publication day, as the English "overnight" and "last night".
var cyrRelativeDays = map[string]int{
	"вчора": -1, "вчера": -1, "позавчора": -2, "позавчера": -2, "сьогодні": 0, "сегодня": 0, "вночі": 0, "уночі": 0,
	"ночью": 0, "зранку": 0, "вранці": 0, "уранці": 0, "утром": 0, "ввечері": 0, "увечері": 0, "вечером": 0,
	"минулої ночі": 0, "цієї ночі": 0, "сьогодні вночі": 0, "прошлой ночью": 0, "этой ночью": 0, "прошедшей ночью": 0,
	"сегодня ночью": 0, "цього ранку": 0, "этим утром": 0, "сегодня утром": 0, "за ніч": 0, "за ночь": 0,
	"минувшей ночью": 0,
}

// merge returns a map with the entries of all the maps.
func merge[V any](ms ...map[string]V) map[string]V {
	out := map[string]V{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
