<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_US" sourcelanguage="en_US">
    <context>
        <name>AccountPaymentsScreen</name>
        <message>
            <source>Payments</source>
            <translation>Pagos</translation>
        </message>
        <message>
            <source>Balance due: %1</source>
            <translation>Saldo pendiente: %1</translation>
        </message>
        <message>
            <source>Credit on your account: %1</source>
            <translation>Crédito en su cuenta: %1</translation>
        </message>
        <message>
            <source>You're all paid up. Thank you!</source>
            <translation>Está todo al día. ¡Gracias!</translation>
        </message>
        <message>
            <source>Pay everything (%1)</source>
            <translation>Pagar todo (%1)</translation>
        </message>
        <message>
            <source>Pay %1</source>
            <translation>Pagar %1</translation>
        </message>
        <message>
            <source>Choose charges to pay</source>
            <translation>Elija qué cargos pagar</translation>
        </message>
        <message>
            <source>Charge</source>
            <translation>Cargo</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Vence</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Importe</translation>
        </message>
        <message>
            <source>due %1</source>
            <translation>vence el %1</translation>
        </message>
        <message>
            <source>To pay only some charges, tap them.</source>
            <translation>Para pagar solo algunos cargos, tóquelos.</translation>
        </message>
        <message>
            <source>Payment history</source>
            <translation>Historial de pagos</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message>
            <source>No payments yet.</source>
            <translation>Todavía no hay pagos.</translation>
        </message>
        <message>
            <source>receipt %1</source>
            <translation>recibo %1</translation>
        </message>
    </context>
    <context>
        <name>AppToolbar</name>
        <message>
            <source>Back</source>
            <translation>Atrás</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <source>Log Out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <source>Cart (%1)</source>
            <translation>Carrito (%1)</translation>
        </message>
        <message>
            <source>Logged in: %1</source>
            <translation>Sesión iniciada: %1</translation>
        </message>
        <message>
            <source>Logged in</source>
            <translation>Sesión iniciada</translation>
        </message>
        <message>
            <source>Staff assisting: %1</source>
            <translation>Le ayuda: %1</translation>
        </message>
        <message>
            <source>%1 — change the language</source>
            <translation>%1 — cambiar el idioma</translation>
        </message>
        <message>
            <source>Standard text</source>
            <translation>Texto normal</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>Texto más grande</translation>
        </message>
    </context>
    <context>
        <name>AppointmentsScreen</name>
        <message>
            <source>Appointments</source>
            <translation>Citas</translation>
        </message>
        <message>
            <source>1. What kind of appointment?</source>
            <translation>1. ¿Qué tipo de cita?</translation>
        </message>
        <message>
            <source>2. With which coach?</source>
            <translation>2. ¿Con qué entrenador?</translation>
        </message>
        <message>
            <source>3. Choose a time</source>
            <translation>3. Elija una hora</translation>
        </message>
        <message>
            <source>4. Who is it for?</source>
            <translation>4. ¿Para quién es?</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
        <message>
            <source>Log In to Book</source>
            <translation>Inicie sesión para reservar</translation>
        </message>
    </context>
    <context>
        <name>BookingScreen</name>
        <message>
            <source>Booking</source>
            <translation>Reservar</translation>
        </message>
        <message>
            <source>Nothing is open for booking at this location right now.</source>
            <translation>Por ahora no hay nada disponible para reservar en esta sede.</translation>
        </message>
    </context>
    <context>
        <name>CampDetailScreen</name>
        <message>
            <source>Which days? (%1 a day)</source>
            <translation>¿Qué días? (%1 por día)</translation>
        </message>
        <message>
            <source>All days</source>
            <translation>Todos los días</translation>
        </message>
        <message>
            <source>Who is coming?</source>
            <translation>¿Quién va a venir?</translation>
        </message>
        <message>
            <source>Log In to Book</source>
            <translation>Inicie sesión para reservar</translation>
        </message>
        <message>
            <source>Camp is Full</source>
            <translation>El campamento está lleno</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
        <message>
            <source>Book on Your Phone</source>
            <translation>Reservar en su teléfono</translation>
        </message>
    </context>
    <context>
        <name>CampsScreen</name>
        <message>
            <source>Camps</source>
            <translation>Campamentos</translation>
        </message>
        <message>
            <source>No camps are open for booking right now. Please check back soon.</source>
            <translation>Por ahora no hay campamentos abiertos para reservar. Vuelva a consultar pronto.</translation>
        </message>
    </context>
    <context>
        <name>CartBridge</name>
        <message>
            <source>We can't reach our system right now, so nothing was booked. Please try again in a moment.</source>
            <translation>En este momento no podemos conectarnos con nuestro sistema, así que no se reservó nada. Inténtelo de nuevo en un momento.</translation>
        </message>
        <message>
            <source>Something went wrong. Please try again or ask at the front desk.</source>
            <translation>Algo salió mal. Inténtelo de nuevo o pregunte en la recepción.</translation>
        </message>
        <message>
            <source>the items in your cart</source>
            <translation>lo que tenía en su carrito</translation>
        </message>
        <message>
            <source>Your cart's hold ran out, so we let go of %1. You can add them again if there is still room.</source>
            <translation>Se acabó el tiempo de reserva de su carrito, así que liberamos %1. Puede agregarlos de nuevo si todavía hay lugar.</translation>
        </message>
        <message>
            <source>Marked absent.</source>
            <translation>Ausencia marcada.</translation>
        </message>
        <message>
            <source>A makeup credit was added to your account. Use it from My Account.</source>
            <translation>Se agregó un crédito de recuperación a su cuenta. Úselo desde Mi cuenta.</translation>
        </message>
        <message>
            <source>This absence does not earn a makeup credit.</source>
            <translation>Esta ausencia no genera un crédito de recuperación.</translation>
        </message>
        <message>
            <source>The absence was taken back.</source>
            <translation>Se deshizo la ausencia.</translation>
        </message>
        <message>
            <source>No class has a free seat for this credit right now. Please check again later.</source>
            <translation>Por ahora ninguna clase tiene un lugar libre para este crédito. Vuelva a consultar más tarde.</translation>
        </message>
        <message>
            <source>Makeup class booked.</source>
            <translation>Clase de recuperación reservada.</translation>
        </message>
        <message>
            <source>We'll email you when a spot opens.</source>
            <translation>Le enviaremos un correo cuando haya un lugar.</translation>
        </message>
        <message>
            <source>Waitlist — no charge now</source>
            <translation>Lista de espera — sin cargo por ahora</translation>
        </message>
        <message>
            <source>On the waitlist (#%1)</source>
            <translation>En lista de espera (n.º %1)</translation>
        </message>
        <message>
            <source>Enrolled</source>
            <comment>status of a female student</comment>
            <translation>Inscrita</translation>
        </message>
        <message>
            <source>Enrolled</source>
            <comment>status of a male student</comment>
            <translation>Inscrito</translation>
        </message>
        <message>
            <source>Enrolled</source>
            <translation>Inscrito</translation>
        </message>
        <message>
            <source>Purchased</source>
            <translation>Comprado</translation>
        </message>
        <message>
            <source>%1 is marked absent.</source>
            <translation>Se marcó la ausencia de %1.</translation>
        </message>
        <message>
            <source>Absent — makeup credit earned</source>
            <translation>Ausente — crédito de recuperación obtenido</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Ausente</translation>
        </message>
        <message>
            <source>Makeup class</source>
            <translation>Clase de recuperación</translation>
        </message>
        <message>
            <source>Expires %1</source>
            <translation>Vence el %1</translation>
        </message>
        <message>
            <source>Used</source>
            <translation>Usado</translation>
        </message>
        <message>
            <source>Expired %1</source>
            <translation>Venció el %1</translation>
        </message>
        <message>
            <source>%1 — missed %2 on %3</source>
            <translation>%1 — faltó a %2 el %3</translation>
        </message>
        <message>
            <source>%1 open</source>
            <translation>%1 libre</translation>
        </message>
    </context>
    <context>
        <name>CartScreen</name>
        <message>
            <source>Your Cart</source>
            <translation>Su carrito</translation>
        </message>
        <message>
            <source>Seats held for %1</source>
            <translation>Lugares apartados por %1</translation>
        </message>
        <message>
            <source>Your cart is empty. Tap Booking to find a class, camp or party.</source>
            <translation>Su carrito está vacío. Toque Reservar para buscar una clase, un campamento o una fiesta.</translation>
        </message>
        <message>
            <source>Log in to see your cart.</source>
            <translation>Inicie sesión para ver su carrito.</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove %1 from the cart</source>
            <translation>Quitar %1 del carrito</translation>
        </message>
        <message>
            <source>Subtotal</source>
            <translation>Subtotal</translation>
        </message>
        <message>
            <source>Fees</source>
            <translation>Cargos</translation>
        </message>
        <message>
            <source>Tax</source>
            <translation>Impuesto</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Keep Browsing</source>
            <translation>Seguir viendo</translation>
        </message>
        <message>
            <source>Confirm</source>
            <translation>Confirmar</translation>
        </message>
        <message>
            <source>Check Out</source>
            <translation>Pagar</translation>
        </message>
    </context>
    <context>
        <name>CatalogBridge</name>
        <message>
            <source>%1 / month</source>
            <translation>%1 al mes</translation>
        </message>
        <message>
            <source>Starts %1</source>
            <translation>Empieza el %1</translation>
        </message>
        <message>
            <source>Ages %1–%2</source>
            <translation>Edades %1–%2</translation>
        </message>
        <message>
            <source>Only %1 left</source>
            <translation>Solo quedan %1</translation>
        </message>
        <message>
            <source>%1 minutes</source>
            <translation>%1 minutos</translation>
        </message>
        <message>
            <source>up to %1 guests</source>
            <translation>hasta %1 invitados</translation>
        </message>
    </context>
    <context>
        <name>CheckInBridge</name>
        <message>
            <source>Check-in can't reach our system right now. Please see the front desk.</source>
            <translation>El registro de llegada no puede conectarse con nuestro sistema ahora. Por favor, pase por la recepción.</translation>
        </message>
        <message>
            <source>Something went wrong. Please see the front desk.</source>
            <translation>Algo salió mal. Por favor, pase por la recepción.</translation>
        </message>
        <message>
            <source>Tap a class to check in to.</source>
            <translation>Toque una clase para registrar la llegada.</translation>
        </message>
        <message>
            <source>Checked in at %1</source>
            <translation>Llegada registrada a las %1</translation>
        </message>
        <message>
            <source>Drop-in with your punch pass; check-in opens at %1</source>
            <translation>Clase suelta con su bono; el registro abre a las %1</translation>
        </message>
        <message>
            <source>Check-in opens at %1</source>
            <translation>El registro abre a las %1</translation>
        </message>
        <message>
            <source>Check-in has closed for this class</source>
            <translation>El registro de esta clase ya cerró</translation>
        </message>
        <message>
            <source>Drop in with your punch pass (%1 left)</source>
            <translation>Entrar con su bono de clases (le quedan %1)</translation>
        </message>
        <message>
            <source>Late — class started at %1</source>
            <translation>Tarde — la clase empezó a las %1</translation>
        </message>
        <message>
            <source>Ready to check in</source>
            <translation>Listo para registrar la llegada</translation>
        </message>
        <message>
            <source>late</source>
            <translation>tarde</translation>
        </message>
        <message>
            <source>%1 punches left</source>
            <translation>le quedan %1 clases del bono</translation>
        </message>
    </context>
    <context>
        <name>CheckInScreen</name>
        <message>
            <source>Check in for class</source>
            <translation>Registrar la llegada a clase</translation>
        </message>
        <message>
            <source>Find your family with your phone number, your check-in PIN or your family card.</source>
            <translation>Busque a su familia con su número de teléfono, su PIN de llegada o su tarjeta familiar.</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>Teléfono</translation>
        </message>
        <message>
            <source>Check-in PIN</source>
            <translation>PIN de llegada</translation>
        </message>
        <message>
            <source>Family card</source>
            <translation>Tarjeta familiar</translation>
        </message>
        <message>
            <source>Your PIN</source>
            <translation>Su PIN</translation>
        </message>
        <message>
            <source>(555) 555-5555</source>
            <translation>(555) 555-5555</translation>
        </message>
        <message>
            <source>PIN, %1 digits typed</source>
            <translation>PIN, %1 dígitos escritos</translation>
        </message>
        <message>
            <source>Phone number: %1</source>
            <translation>Teléfono: %1</translation>
        </message>
        <message>
            <source>Phone number, like %1</source>
            <translation>Número de teléfono, por ejemplo %1</translation>
        </message>
        <message>
            <source>Hold your family card under the scanner.</source>
            <translation>Acerque su tarjeta familiar al lector.</translation>
        </message>
        <message>
            <source>Have a family card? Scan it at any time.</source>
            <translation>¿Tiene tarjeta familiar? Pásela por el lector cuando quiera.</translation>
        </message>
        <message>
            <source>Find my family</source>
            <translation>Buscar a mi familia</translation>
        </message>
        <message>
            <source>Which family are you?</source>
            <translation>¿Cuál es su familia?</translation>
        </message>
        <message>
            <source>The %1 family</source>
            <translation>Familia %1</translation>
        </message>
        <message>
            <source>Start over</source>
            <translation>Empezar de nuevo</translation>
        </message>
        <message>
            <source>Welcome! Who's here today?</source>
            <translation>¡Bienvenidos! ¿Quién viene hoy?</translation>
        </message>
        <message>
            <source>Everyone with a tick is checked in with one tap. Tap a class to change it.</source>
            <translation>Todos los que tienen una marca quedan registrados con un solo toque. Toque una clase para cambiarla.</translation>
        </message>
        <message>
            <source>There is no class to check in to right now.</source>
            <translation>Ahora no hay ninguna clase para registrar la llegada.</translation>
        </message>
        <message>
            <source>No classes today.</source>
            <translation>Hoy no tiene clases.</translation>
        </message>
        <message>
            <source>Check In (%1)</source>
            <translation>Registrar llegada (%1)</translation>
        </message>
        <message>
            <source>Check In</source>
            <translation>Registrar llegada</translation>
        </message>
        <message>
            <source>Please see the front desk.</source>
            <translation>Por favor, pase por la recepción.</translation>
        </message>
        <message>
            <source>Our team will help you check in. Back to the start in %1 s.</source>
            <translation>Nuestro equipo le ayudará a registrar la llegada. Volvemos al inicio en %1 s.</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
        <message>
            <source>You're checked in!</source>
            <translation>¡Llegada registrada!</translation>
        </message>
        <message>
            <source>%1 — %2 (%3)</source>
            <translation>%1 — %2 (%3)</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Have a great class! Back to the start in %1 s.</source>
            <translation>¡Que disfruten la clase! Volvemos al inicio en %1 s.</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
    </context>
    <context>
        <name>ChooseFamilyScreen</name>
        <message>
            <source>Hi %1! Which family account would you like to use?</source>
            <translation>¡Hola, %1! ¿Qué cuenta familiar desea usar?</translation>
        </message>
        <message>
            <source>%1 — please see the front desk</source>
            <translation>%1 — por favor, pase a la recepción</translation>
        </message>
    </context>
    <context>
        <name>ClassDetailScreen</name>
        <message>
            <source>This class is full. Other times with open spots:</source>
            <translation>Esta clase está llena. Otros horarios con plazas libres:</translation>
        </message>
        <message>
            <source>This class is full, and no other time of it has an open spot right now.</source>
            <translation>Esta clase está llena, y ahora mismo ningún otro horario de ella tiene plazas libres.</translation>
        </message>
        <message>
            <source>Who would you like to enroll?</source>
            <translation>¿A quién desea inscribir?</translation>
        </message>
        <message>
            <source>Start date</source>
            <translation>Fecha de inicio</translation>
        </message>
        <message>
            <source>Tell me when a spot opens</source>
            <translation>Avísenme cuando haya un lugar</translation>
        </message>
        <message>
            <source>Enroll on Your Phone</source>
            <translation>Inscribir en su teléfono</translation>
        </message>
        <message>
            <source>Log In to Enroll</source>
            <translation>Inicie sesión para inscribirse</translation>
        </message>
        <message>
            <source>Join the Waitlist</source>
            <translation>Anotarme en la lista de espera</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
    </context>
    <context>
        <name>ClassesScreen</name>
        <message>
            <source>Sun</source>
            <translation>Dom</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Lun</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Mar</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mié</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Jue</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Vie</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sáb</translation>
        </message>
        <message>
            <source>Filters</source>
            <translation>Filtros</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>Clases</translation>
        </message>
        <message>
            <source>Search by name or coach</source>
            <translation>Buscar clase o entrenador</translation>
        </message>
        <message>
            <source>Search classes</source>
            <translation>Buscar clases</translation>
        </message>
        <message>
            <source>Who is it for?</source>
            <translation>¿Para quién es?</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>Edad</translation>
        </message>
        <message>
            <source>Program</source>
            <translation>Programa</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Nivel</translation>
        </message>
        <message>
            <source>Coach</source>
            <translation>Entrenador</translation>
        </message>
        <message>
            <source>Fewer coaches</source>
            <translation>Menos entrenadores</translation>
        </message>
        <message>
            <source>All %1 coaches</source>
            <translation>Los %1 entrenadores</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Día</translation>
        </message>
        <message>
            <source>Time of day</source>
            <translation>Horario</translation>
        </message>
        <message>
            <source>Morning</source>
            <translation>Mañana</translation>
        </message>
        <message>
            <source>Afternoon</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <source>Evening</source>
            <translation>Noche</translation>
        </message>
        <message>
            <source>Only classes with openings</source>
            <translation>Solo clases con lugares</translation>
        </message>
        <message>
            <source>Clear all filters</source>
            <translation>Quitar todos los filtros</translation>
        </message>
        <message>
            <source>1 class</source>
            <translation>1 clase</translation>
        </message>
        <message>
            <source>%1 classes</source>
            <translation>%1 clases</translation>
        </message>
        <message>
            <source>No classes match all of these choices. Try fewer days, another time of day, or clear the filters.</source>
            <translation>Ninguna clase coincide con todo lo que eligió. Pruebe con menos días, otro horario o quite los filtros.</translation>
        </message>
    </context>
    <context>
        <name>ComingSoonScreen</name>
        <message>
            <source>This part of the kiosk is not available yet. The front desk will be happy to help you with it today.</source>
            <translation>Esta parte del quiosco todavía no está disponible. En la recepción con gusto le ayudan hoy.</translation>
        </message>
        <message>
            <source>Back to Home</source>
            <translation>Volver al inicio</translation>
        </message>
    </context>
    <context>
        <name>ComingUpPanel</name>
        <message>
            <source>Coming Up!</source>
            <translation>Próximas actividades</translation>
        </message>
        <message>
            <source>Nothing scheduled in the next 30 days.</source>
            <translation>No hay nada programado en los próximos 30 días.</translation>
        </message>
        <message>
            <source>Cancelled: </source>
            <translation>Cancelado: </translation>
        </message>
        <message>
            <source>Mark absent</source>
            <translation>Marcar ausencia</translation>
        </message>
        <message>
            <source>Mark %1 absent on %2</source>
            <translation>Marcar ausencia de %1 el %2</translation>
        </message>
        <message>
            <source>Take back</source>
            <translation>Deshacer</translation>
        </message>
        <message>
            <source>Take back %1's absence on %2</source>
            <translation>Deshacer la ausencia de %1 el %2</translation>
        </message>
        <message>
            <source>More ▾</source>
            <translation>Más ▾</translation>
        </message>
        <message>
            <source>Back to the first ▴</source>
            <translation>Volver al principio ▴</translation>
        </message>
        <message>
            <source>More of Coming Up!</source>
            <translation>Más de Próximas actividades</translation>
        </message>
        <message>
            <source>Back to the first of Coming Up!</source>
            <translation>Volver al principio de Próximas actividades</translation>
        </message>
    </context>
    <context>
        <name>ConfirmPopup</name>
        <message>
            <source>Yes</source>
            <translation>Sí</translation>
        </message>
        <message>
            <source>No, thanks</source>
            <translation>No, gracias</translation>
        </message>
    </context>
    <context>
        <name>CreateAccountScreen</name>
        <message>
            <source>About you</source>
            <translation>Sus datos</translation>
        </message>
        <message>
            <source>Your students</source>
            <translation>Sus alumnos</translation>
        </message>
        <message>
            <source>Emergency contact and password</source>
            <translation>Contacto de emergencia y contraseña</translation>
        </message>
        <message>
            <source>Your account is ready</source>
            <translation>Su cuenta está lista</translation>
        </message>
        <message>
            <source>Continue to our policies</source>
            <translation>Continuar a nuestras políticas</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>Continuar</translation>
        </message>
        <message>
            <source>Welcome, %1! You are logged in.</source>
            <translation>¡Le damos la bienvenida, %1! Ya inició sesión.</translation>
        </message>
        <message>
            <source>Next, please read and accept our policies.</source>
            <translation>Ahora, por favor, lea y acepte nuestras políticas.</translation>
        </message>
        <message>
            <source>Step %1 of 3</source>
            <translation>Paso %1 de 3</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Apellido</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>Teléfono celular</translation>
        </message>
        <message>
            <source>Street address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <source>Apartment, suite (optional)</source>
            <translation>Departamento, oficina (opcional)</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>ZIP code</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <source>Student %1</source>
            <translation>Alumno %1</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove student %1</source>
            <translation>Quitar al alumno %1</translation>
        </message>
        <message>
            <source>Birth date (MM/DD/YYYY)</source>
            <translation>Fecha de nacimiento (MM/DD/AAAA)</translation>
        </message>
        <message>
            <source>Gender (optional)</source>
            <translation>Género (opcional)</translation>
        </message>
        <message>
            <source>Prefer not to say</source>
            <translation>Prefiero no decirlo</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>Femenino</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>Masculino</translation>
        </message>
        <message>
            <source>Gender</source>
            <translation>Género</translation>
        </message>
        <message>
            <source>%1, student %2</source>
            <translation>%1, alumno %2</translation>
        </message>
        <message>
            <source>+ Add another student</source>
            <translation>+ Agregar otro alumno</translation>
        </message>
        <message>
            <source>Emergency contact name</source>
            <translation>Nombre del contacto de emergencia</translation>
        </message>
        <message>
            <source>Emergency contact phone</source>
            <translation>Teléfono del contacto de emergencia</translation>
        </message>
        <message>
            <source>Relationship (optional)</source>
            <translation>Parentesco (opcional)</translation>
        </message>
        <message>
            <source>Choose a password (at least 8 characters)</source>
            <translation>Elija una contraseña (mínimo 8 caracteres)</translation>
        </message>
        <message>
            <source>Previous step</source>
            <translation>Paso anterior</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Siguiente</translation>
        </message>
        <message>
            <source>Create Account</source>
            <translation>Crear cuenta</translation>
        </message>
    </context>
    <context>
        <name>DashboardScreen</name>
        <message>
            <source>Hi %1! Welcome back to %2</source>
            <translation>¡Hola, %1! Qué gusto verle de nuevo en %2</translation>
        </message>
        <message>
            <source>Hi %1! Welcome to %2</source>
            <translation>¡Hola, %1! Le damos la bienvenida a %2</translation>
        </message>
        <message>
            <source>Welcome to %1</source>
            <translation>Bienvenidos a %1</translation>
        </message>
        <message>
            <source>Got it</source>
            <translation>Entendido</translation>
        </message>
        <message>
            <source>You have %1 due — tap to pay</source>
            <translation>Tiene %1 pendiente — toque para pagar</translation>
        </message>
        <message>
            <source>You are at %1. What would you like to do?</source>
            <translation>Está en %1. ¿Qué desea hacer?</translation>
        </message>
        <message>
            <source>What would you like to do?</source>
            <translation>¿Qué desea hacer?</translation>
        </message>
    </context>
    <context>
        <name>EditDetailsScreen</name>
        <message>
            <source>First name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Apellido</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>Teléfono celular</translation>
        </message>
        <message>
            <source>Street address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <source>Apartment, suite (optional)</source>
            <translation>Departamento, oficina (opcional)</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ciudad</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>ZIP code</source>
            <translation>Código postal</translation>
        </message>
        <message>
            <source>Birth date (MM/DD/YYYY)</source>
            <translation>Fecha de nacimiento (MM/DD/AAAA)</translation>
        </message>
        <message>
            <source>Emergency contact name</source>
            <translation>Nombre del contacto de emergencia</translation>
        </message>
        <message>
            <source>Emergency contact phone</source>
            <translation>Teléfono del contacto de emergencia</translation>
        </message>
        <message>
            <source>Relationship (optional)</source>
            <translation>Parentesco (opcional)</translation>
        </message>
        <message>
            <source>Your details</source>
            <translation>Sus datos</translation>
        </message>
        <message>
            <source>Emergency contact</source>
            <translation>Contacto de emergencia</translation>
        </message>
        <message>
            <source>Edit student</source>
            <translation>Editar alumno</translation>
        </message>
        <message>
            <source>Add a student</source>
            <translation>Agregar un alumno</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
    </context>
    <context>
        <name>FindClassScreen</name>
        <message>
            <source>Sun</source>
            <translation>Dom</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Lun</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Mar</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mié</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Jue</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Vie</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sáb</translation>
        </message>
        <message>
            <source>Who is the class for?</source>
            <translation>¿Para quién es la clase?</translation>
        </message>
        <message>
            <source>What would they like to do?</source>
            <translation>¿Qué le gustaría hacer?</translation>
        </message>
        <message>
            <source>When works for you?</source>
            <translation>¿Qué horario le conviene?</translation>
        </message>
        <message>
            <source>Where?</source>
            <translation>¿Dónde?</translation>
        </message>
        <message>
            <source>Classes for you</source>
            <translation>Clases para usted</translation>
        </message>
        <message>
            <source>Step %1 of 4</source>
            <translation>Paso %1 de 4</translation>
        </message>
        <message>
            <source>…or choose an age</source>
            <translation>…o elija una edad</translation>
        </message>
        <message>
            <source>Choose the child's age</source>
            <translation>Elija la edad del niño o la niña</translation>
        </message>
        <message>
            <source>Under 2</source>
            <translation>Menos de 2</translation>
        </message>
        <message>
            <source>Show me everything</source>
            <translation>Mostrarme todo</translation>
        </message>
        <message>
            <source>Any time</source>
            <translation>Cualquier hora</translation>
        </message>
        <message>
            <source>Morning</source>
            <translation>Mañana</translation>
        </message>
        <message>
            <source>Afternoon</source>
            <translation>Tarde</translation>
        </message>
        <message>
            <source>Evening</source>
            <translation>Noche</translation>
        </message>
        <message>
            <source>No class with openings fits all of that. Widen your search:</source>
            <translation>Ninguna clase con lugares disponibles cumple con todo eso. Amplíe su búsqueda:</translation>
        </message>
        <message>
            <source>Any time of day</source>
            <translation>Cualquier horario</translation>
        </message>
        <message>
            <source>Any day of the week</source>
            <translation>Cualquier día de la semana</translation>
        </message>
        <message>
            <source>Any kind of class</source>
            <translation>Cualquier tipo de clase</translation>
        </message>
        <message>
            <source>Try another location</source>
            <translation>Probar otra sede</translation>
        </message>
        <message>
            <source>Previous step</source>
            <translation>Paso anterior</translation>
        </message>
        <message>
            <source>Show Classes</source>
            <translation>Ver clases</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Siguiente</translation>
        </message>
    </context>
    <context>
        <name>ForgotPasswordScreen</name>
        <message>
            <source>Forgot Password</source>
            <translation>Olvidé mi contraseña</translation>
        </message>
        <message>
            <source>Enter the email you use with us. We will email you a 6-digit code to set a new password.</source>
            <translation>Escriba el correo electrónico que usa con nosotros. Le enviaremos un código de 6 dígitos para crear una contraseña nueva.</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <source>6-digit code</source>
            <translation>Código de 6 dígitos</translation>
        </message>
        <message>
            <source>New password (at least 8 characters)</source>
            <translation>Contraseña nueva (mínimo 8 caracteres)</translation>
        </message>
        <message>
            <source>Save and Log In</source>
            <translation>Guardar e iniciar sesión</translation>
        </message>
        <message>
            <source>Send Code</source>
            <translation>Enviar código</translation>
        </message>
    </context>
    <context>
        <name>GiftCardScreen</name>
        <message>
            <source>eGift Card</source>
            <translation>Tarjeta de regalo digital</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Monto</translation>
        </message>
        <message>
            <source>Recipient's name</source>
            <translation>Nombre de quien la recibe</translation>
        </message>
        <message>
            <source>Recipient's email</source>
            <translation>Correo de quien la recibe</translation>
        </message>
        <message>
            <source>A short note (optional)</source>
            <translation>Un mensaje corto (opcional)</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
        <message>
            <source>Log In to Buy</source>
            <translation>Inicie sesión para comprar</translation>
        </message>
    </context>
    <context>
        <name>HandoffPopup</name>
        <message>
            <source>Scan the code with your phone's camera to finish in our online portal. You can log in or create your account there.</source>
            <translation>Escanee el código con la cámara de su teléfono para terminar en nuestro portal en línea. Ahí puede iniciar sesión o crear su cuenta.</translation>
        </message>
        <message>
            <source>QR code for %1</source>
            <translation>Código QR para %1</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
    </context>
    <context>
        <name>IdleOverlay</name>
        <message>
            <source>Are you still there?</source>
            <translation>¿Sigue ahí?</translation>
        </message>
        <message>
            <source>For your privacy, we will start over when the countdown ends.</source>
            <translation>Por su privacidad, volveremos al inicio cuando termine la cuenta regresiva.</translation>
        </message>
        <message>
            <source>%1 seconds left</source>
            <translation>Quedan %1 segundos</translation>
        </message>
        <message>
            <source>I'm still here</source>
            <translation>Sigo aquí</translation>
        </message>
    </context>
    <context>
        <name>KioskBridge</name>
        <message>
            <source>The portal does not know the account name this kiosk is set up with. Staff: please check the account name in the kiosk settings.</source>
            <translation>El portal no reconoce el nombre de cuenta configurado en este quiosco. Personal: revisen el nombre de cuenta en la configuración del quiosco.</translation>
        </message>
        <message>
            <source>This kiosk cannot reach %1 and has nothing saved to show yet. Staff: please check the network connection. It will keep trying by itself.</source>
            <translation>Este quiosco no puede conectarse con %1 y todavía no tiene nada guardado para mostrar. Personal: revisen la conexión de red. Seguirá intentándolo solo.</translation>
        </message>
        <message>
            <source>iClassPro does not know the account name '%1' — check the kiosk settings.</source>
            <translation>iClassPro no reconoce el nombre de cuenta «%1»: revisen la configuración del quiosco.</translation>
        </message>
        <message>
            <source>This iClassPro account shows its classes only to families who sign in, so the kiosk cannot list them. Staff: ask iClassPro to show classes without signing in, or use the kiosk with your own portal.</source>
            <translation>Esta cuenta de iClassPro solo muestra sus clases a las familias que inician sesión, así que el quiosco no puede mostrarlas. Personal: pidan a iClassPro que muestre las clases sin iniciar sesión, o usen el quiosco con su propio portal.</translation>
        </message>
        <message>
            <source>Something went wrong while loading the catalog. It will try again by itself.</source>
            <translation>Algo salió mal al cargar el catálogo. Lo volverá a intentar solo.</translation>
        </message>
        <message>
            <source>iPhone and iPad</source>
            <translation>iPhone y iPad</translation>
        </message>
        <message>
            <source>Android</source>
            <translation>Android</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Paid %1 with %2 + %3 credit</source>
            <translation>Se pagaron %1 con %2 + %3 de crédito</translation>
        </message>
        <message>
            <source>Paid %1 with %2</source>
            <translation>Se pagaron %1 con %2</translation>
        </message>
        <message>
            <source>Paid %1 from your credit</source>
            <translation>Se pagaron %1 con su crédito</translation>
        </message>
        <message>
            <source>Check In</source>
            <translation>Registrar llegada</translation>
        </message>
        <message>
            <source>Booking</source>
            <translation>Reservar</translation>
        </message>
        <message>
            <source>My Account</source>
            <translation>Mi cuenta</translation>
        </message>
        <message>
            <source>News</source>
            <translation>Noticias</translation>
        </message>
        <message>
            <source>ProShop</source>
            <translation>Tienda</translation>
        </message>
        <message>
            <source>Create Account</source>
            <translation>Crear cuenta</translation>
        </message>
        <message>
            <source>Log In</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <source>Welcome Info</source>
            <translation>Bienvenida</translation>
        </message>
        <message>
            <source>Find the Right Class</source>
            <translation>Encuentre la clase ideal</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>Menú</translation>
        </message>
        <message>
            <source>More</source>
            <translation>Más</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>Sede</translation>
        </message>
        <message>
            <source>Cart</source>
            <translation>Carrito</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <source>Meet the Staff</source>
            <translation>Nuestro equipo</translation>
        </message>
        <message>
            <source>Family and Student Policies</source>
            <translation>Políticas de la familia y los alumnos</translation>
        </message>
        <message>
            <source>Switch Family Accounts</source>
            <translation>Cambiar de cuenta familiar</translation>
        </message>
        <message>
            <source>Switch Locations</source>
            <translation>Cambiar de sede</translation>
        </message>
        <message>
            <source>Log Out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <source>Classes</source>
            <translation>Clases</translation>
        </message>
        <message>
            <source>Camps</source>
            <translation>Campamentos</translation>
        </message>
        <message>
            <source>Appointments</source>
            <translation>Citas</translation>
        </message>
        <message>
            <source>Parties</source>
            <translation>Fiestas</translation>
        </message>
        <message>
            <source>Back to the start screen</source>
            <translation>Volver a la pantalla de inicio</translation>
        </message>
        <message>
            <source>eGift Cards</source>
            <translation>Tarjetas de regalo</translation>
        </message>
        <message>
            <source>Get our mobile app</source>
            <translation>Descargue nuestra app</translation>
        </message>
        <message>
            <source>Here for class? Check in with your phone number</source>
            <translation>¿Viene a clase? Registre la llegada con su teléfono</translation>
        </message>
        <message>
            <source>Classes, camps and more</source>
            <translation>Clases, campamentos y más</translation>
        </message>
        <message>
            <source>Your family, payments and schedule</source>
            <translation>Su familia, pagos y horarios</translation>
        </message>
        <message>
            <source>What's happening</source>
            <translation>Lo que está pasando</translation>
        </message>
        <message>
            <source>Leotards, grips and gear</source>
            <translation>Leotardos, calleras y equipo</translation>
        </message>
        <message>
            <source>New here? Start in a few minutes</source>
            <translation>¿Es nuevo? Empiece en unos minutos</translation>
        </message>
        <message>
            <source>For current customers</source>
            <translation>Para clientes actuales</translation>
        </message>
        <message>
            <source>About us and how it works</source>
            <translation>Quiénes somos y cómo funciona</translation>
        </message>
        <message>
            <source>Answer a few questions, we'll suggest classes</source>
            <translation>Responda unas preguntas y le sugerimos clases</translation>
        </message>
    </context>
    <context>
        <name>LandingScreen</name>
        <message>
            <source>%1 — change the language</source>
            <translation>%1 — cambiar el idioma</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>Texto más grande</translation>
        </message>
        <message>
            <source>Standard text</source>
            <translation>Texto normal</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Alto contraste</translation>
        </message>
        <message>
            <source>Standard colours</source>
            <translation>Colores normales</translation>
        </message>
        <message>
            <source>Raise the screen</source>
            <translation>Subir la pantalla</translation>
        </message>
        <message>
            <source>Lower the screen</source>
            <translation>Bajar la pantalla</translation>
        </message>
        <message>
            <source>Learn More</source>
            <translation>Más información</translation>
        </message>
        <message>
            <source>Tap to Begin</source>
            <translation>Toque para comenzar</translation>
        </message>
        <message>
            <source>Check In for Class</source>
            <translation>Registrar llegada a clase</translation>
        </message>
        <message>
            <source>Announcement %1 of %2</source>
            <translation>Anuncio %1 de %2</translation>
        </message>
    </context>
    <context>
        <name>LatinLayout</name>
        <message>
            <source>Shift</source>
            <translation>Mayúsculas</translation>
        </message>
        <message>
            <source>Backspace</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Numbers and symbols</source>
            <translation>Números y símbolos</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espacio</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Intro</translation>
        </message>
    </context>
    <context>
        <name>LocationScreen</name>
        <message>
            <source>Hours</source>
            <translation>Horario</translation>
        </message>
        <message>
            <source>Switch location</source>
            <translation>Cambiar de sede</translation>
        </message>
    </context>
    <context>
        <name>LoginScreen</name>
        <message>
            <source>Please enter your password.</source>
            <translation>Escriba su contraseña.</translation>
        </message>
        <message>
            <source>Are you a current customer?</source>
            <translation>¿Ya es cliente?</translation>
        </message>
        <message>
            <source>Yes, log me in</source>
            <translation>Sí, iniciar sesión</translation>
        </message>
        <message>
            <source>No, create an account</source>
            <translation>No, crear una cuenta</translation>
        </message>
        <message>
            <source>Log In</source>
            <translation>Iniciar sesión</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Contraseña</translation>
        </message>
        <message>
            <source>Show password</source>
            <translation>Mostrar contraseña</translation>
        </message>
        <message>
            <source>Forgot password?</source>
            <translation>¿Olvidó su contraseña?</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Log in on your phone</source>
            <translation>Inicie sesión en su teléfono</translation>
        </message>
        <message>
            <source>Enroll on your phone</source>
            <translation>Inscriba en su teléfono</translation>
        </message>
        <message>
            <source>Book the camp on your phone</source>
            <translation>Reserve el campamento en su teléfono</translation>
        </message>
        <message>
            <source>Buy on your phone</source>
            <translation>Compre en su teléfono</translation>
        </message>
        <message>
            <source>Book a party on your phone</source>
            <translation>Reserve una fiesta en su teléfono</translation>
        </message>
        <message>
            <source>Customer Portal</source>
            <translation>Portal de clientes</translation>
        </message>
        <message>
            <source>Your visit at the kiosk ends in one minute. Please finish up.</source>
            <translation>Su visita al quiosco termina en un minuto. Por favor, vaya terminando.</translation>
        </message>
        <message>
            <source>Join the Waitlist</source>
            <translation>Anotarme en la lista de espera</translation>
        </message>
    </context>
    <context>
        <name>MakeupScreen</name>
        <message>
            <source>Makeup class booked.</source>
            <translation>Clase de recuperación reservada.</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>Use a makeup credit</source>
            <translation>Usar un crédito de recuperación</translation>
        </message>
        <message>
            <source>Choose a class with a free seat:</source>
            <translation>Elija una clase con un lugar libre:</translation>
        </message>
        <message>
            <source>Book %1 on %2</source>
            <translation>Reservar %1 el %2</translation>
        </message>
    </context>
    <context>
        <name>MenuDrawer</name>
        <message>
            <source>Menu</source>
            <translation>Menú</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Alto contraste</translation>
        </message>
        <message>
            <source>Standard colours</source>
            <translation>Colores normales</translation>
        </message>
        <message>
            <source>Raise the screen</source>
            <translation>Subir la pantalla</translation>
        </message>
        <message>
            <source>Lower the screen</source>
            <translation>Bajar la pantalla</translation>
        </message>
        <message>
            <source>Close menu</source>
            <translation>Cerrar menú</translation>
        </message>
    </context>
    <context>
        <name>MobileAppPopup</name>
        <message>
            <source>Get our mobile app</source>
            <translation>Descargue nuestra app</translation>
        </message>
        <message>
            <source>Point your phone's camera at the code for your phone.</source>
            <translation>Apunte la cámara de su teléfono al código que corresponde a su teléfono.</translation>
        </message>
        <message>
            <source>QR code for %1</source>
            <translation>Código QR para %1</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
    </context>
    <context>
        <name>MoreScreen</name>
        <message>
            <source>More</source>
            <translation>Más</translation>
        </message>
    </context>
    <context>
        <name>MyAccountScreen</name>
        <message>
            <source>My Account — %1 family</source>
            <translation>Mi cuenta — familia %1</translation>
        </message>
        <message>
            <source>Payments — %1 due</source>
            <translation>Pagos — %1 pendiente</translation>
        </message>
        <message>
            <source>Payments and receipts</source>
            <translation>Pagos y recibos</translation>
        </message>
        <message>
            <source>Makeup credits</source>
            <translation>Créditos de recuperación</translation>
        </message>
        <message>
            <source>No makeup credits. Mark a class absent in Coming Up! to earn one.</source>
            <translation>No tiene créditos de recuperación. Marque una ausencia en Próximas actividades para obtener uno.</translation>
        </message>
        <message>
            <source>Use a makeup credit</source>
            <translation>Usar un crédito de recuperación</translation>
        </message>
        <message>
            <source>Use the makeup credit from %1</source>
            <translation>Usar el crédito de recuperación de %1</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Editar</translation>
        </message>
        <message>
            <source>Edit %1's details</source>
            <translation>Editar los datos de %1</translation>
        </message>
        <message>
            <source>Students</source>
            <translation>Alumnos</translation>
        </message>
        <message>
            <source>+ Add a student</source>
            <translation>+ Agregar un alumno</translation>
        </message>
        <message>
            <source>age %1</source>
            <translation>%1 años</translation>
        </message>
        <message>
            <source>Emergency contact</source>
            <translation>Contacto de emergencia</translation>
        </message>
        <message>
            <source>Edit the emergency contact</source>
            <translation>Editar el contacto de emergencia</translation>
        </message>
        <message>
            <source>No emergency contact yet.</source>
            <translation>Todavía no hay contacto de emergencia.</translation>
        </message>
    </context>
    <context>
        <name>NewsPopup</name>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
    </context>
    <context>
        <name>NewsScreen</name>
        <message>
            <source>News</source>
            <translation>Noticias</translation>
        </message>
        <message>
            <source>There is no news right now. Please check back soon.</source>
            <translation>Por ahora no hay noticias. Vuelva a consultar pronto.</translation>
        </message>
    </context>
    <context>
        <name>NoticePopup</name>
        <message>
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
    </context>
    <context>
        <name>NumericKeypad</name>
        <message>
            <source>Clear</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Delete the last digit</source>
            <translation>Borrar el último dígito</translation>
        </message>
    </context>
    <context>
        <name>OfflineBadge</name>
        <message>
            <source>Offline - browsing only</source>
            <translation>Sin conexión: solo para consultar</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Sin conexión</translation>
        </message>
    </context>
    <context>
        <name>OfflineNotice</name>
        <message>
            <source>We can't reach our system right now, so logging in, booking and paying are paused. You can still browse classes, camps and news.</source>
            <translation>En este momento no podemos conectarnos con nuestro sistema, así que no se puede iniciar sesión, reservar ni pagar. Igual puede ver clases, campamentos y noticias.</translation>
        </message>
    </context>
    <context>
        <name>OrderConfirmedScreen</name>
        <message>
            <source>You're all set!</source>
            <translation>¡Todo listo!</translation>
        </message>
        <message>
            <source>Total %1. A receipt is on its way to %2.</source>
            <translation>Total: %1. Le enviamos el recibo a %2.</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
    </context>
    <context>
        <name>PadLayout</name>
        <message>
            <source>Backspace</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espacio</translation>
        </message>
        <message>
            <source>Hide keyboard</source>
            <translation>Ocultar el teclado</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Intro</translation>
        </message>
    </context>
    <context>
        <name>PartiesScreen</name>
        <message>
            <source>Parties</source>
            <translation>Fiestas</translation>
        </message>
        <message>
            <source>1. Choose a party</source>
            <translation>1. Elija una fiesta</translation>
        </message>
        <message>
            <source>2. Choose a day</source>
            <translation>2. Elija un día</translation>
        </message>
        <message>
            <source>3. Choose a time</source>
            <translation>3. Elija una hora</translation>
        </message>
        <message>
            <source>4. Whose party is it?</source>
            <translation>4. ¿De quién es la fiesta?</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
        <message>
            <source>Log In to Book</source>
            <translation>Inicie sesión para reservar</translation>
        </message>
    </context>
    <context>
        <name>PaymentBridge</name>
        <message>
            <source>Your payment is saved and will go through by itself in a moment; you will see it in My Account. Please do not pay again.</source>
            <translation>Su pago está guardado y se completará solo en un momento; lo verá en Mi cuenta. Por favor, no pague otra vez.</translation>
        </message>
        <message>
            <source>We lost the connection while paying. Your payment is saved and will be finished as soon as the connection is back; you will see it in My Account. Please do not pay again.</source>
            <translation>Se perdió la conexión durante el pago. Su pago quedó guardado y se completará en cuanto vuelva la conexión; lo verá en Mi cuenta. Por favor, no vuelva a pagar.</translation>
        </message>
        <message>
            <source>We can't reach our system right now, so nothing was charged. Please try again in a moment.</source>
            <translation>Ahora mismo no podemos conectar con nuestro sistema, así que no se ha cobrado nada. Vuelva a intentarlo en un momento.</translation>
        </message>
        <message>
            <source>Something went wrong. Nothing was charged. Please try again.</source>
            <translation>Algo salió mal. No se hizo ningún cargo. Inténtelo de nuevo.</translation>
        </message>
    </context>
    <context>
        <name>PaymentScreen</name>
        <message>
            <source>Pay %1</source>
            <translation>Pagar %1</translation>
        </message>
        <message>
            <source>Pay %1 from credit</source>
            <translation>Pagar %1 con crédito</translation>
        </message>
        <message>
            <source>Try Again</source>
            <translation>Intentar de nuevo</translation>
        </message>
        <message>
            <source>Try again to get the amount due</source>
            <translation>Intentar de nuevo obtener el importe a pagar</translation>
        </message>
        <message>
            <source>%1 due</source>
            <translation>%1 pendiente</translation>
        </message>
        <message>
            <source>Pay</source>
            <translation>Pagar</translation>
        </message>
        <message>
            <source>Subtotal</source>
            <translation>Subtotal</translation>
        </message>
        <message>
            <source>Total due</source>
            <translation>Total a pagar</translation>
        </message>
        <message>
            <source>From your credit</source>
            <translation>De su crédito</translation>
        </message>
        <message>
            <source>To pay now</source>
            <translation>A pagar ahora</translation>
        </message>
        <message>
            <source>Use my credit (%1)</source>
            <translation>Usar mi crédito (%1)</translation>
        </message>
        <message>
            <source>Your credit covers it all.</source>
            <translation>Su crédito cubre todo.</translation>
        </message>
        <message>
            <source>%1 from credit, %2 to pay now.</source>
            <translation>%1 del crédito, %2 a pagar ahora.</translation>
        </message>
        <message>
            <source>Tap or insert card</source>
            <translation>Acerque o inserte la tarjeta</translation>
        </message>
        <message>
            <source>Type card number</source>
            <translation>Escribir el número de tarjeta</translation>
        </message>
        <message>
            <source>Bank account (eCheck)</source>
            <translation>Cuenta bancaria (cheque electrónico)</translation>
        </message>
        <message>
            <source>Demo card reader: tap a test card.</source>
            <translation>Lector de tarjetas de prueba: toque una tarjeta de prueba.</translation>
        </message>
        <message>
            <source>Test card: approved</source>
            <translation>Tarjeta de prueba: aprobada</translation>
        </message>
        <message>
            <source>Test card: declined</source>
            <translation>Tarjeta de prueba: rechazada</translation>
        </message>
        <message>
            <source>Test card: insufficient funds</source>
            <translation>Tarjeta de prueba: fondos insuficientes</translation>
        </message>
        <message>
            <source>Test card: reader error</source>
            <translation>Tarjeta de prueba: error del lector</translation>
        </message>
        <message>
            <source>Card number</source>
            <translation>Número de tarjeta</translation>
        </message>
        <message>
            <source>Expiry (MM/YY)</source>
            <translation>Vencimiento (MM/AA)</translation>
        </message>
        <message>
            <source>Security code</source>
            <translation>Código de seguridad</translation>
        </message>
        <message>
            <source>Billing ZIP</source>
            <translation>Código postal de facturación</translation>
        </message>
        <message>
            <source>Name on the account</source>
            <translation>Nombre del titular de la cuenta</translation>
        </message>
        <message>
            <source>Routing number</source>
            <translation>Número de ruta bancaria</translation>
        </message>
        <message>
            <source>Account number</source>
            <translation>Número de cuenta</translation>
        </message>
        <message>
            <source>This is a savings account</source>
            <translation>Es una cuenta de ahorros</translation>
        </message>
    </context>
    <context>
        <name>PoliciesScreen</name>
        <message>
            <source>Policy %1 of %2</source>
            <translation>Política %1 de %2</translation>
        </message>
        <message>
            <source>%1 for %2</source>
            <translation>%1 para %2</translation>
        </message>
        <message>
            <source>Please scroll to the end to read the whole policy.</source>
            <translation>Deslice hasta el final para leer toda la política.</translation>
        </message>
        <message>
            <source>Decline</source>
            <translation>No acepto</translation>
        </message>
        <message>
            <source>I Accept</source>
            <translation>Acepto</translation>
        </message>
        <message>
            <source>I Accept — Next</source>
            <translation>Acepto — Siguiente</translation>
        </message>
    </context>
    <context>
        <name>PolicyHistoryScreen</name>
        <message>
            <source>Family and Student Policies</source>
            <translation>Políticas de la familia y los alumnos</translation>
        </message>
        <message>
            <source>No policies have been accepted yet.</source>
            <translation>Todavía no se ha aceptado ninguna política.</translation>
        </message>
        <message>
            <source>%1 for %2</source>
            <translation>%1 para %2</translation>
        </message>
        <message>
            <source>Accepted %1 by %2</source>
            <translation>Aceptada el %1 por %2</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Ocultar</translation>
        </message>
        <message>
            <source>Read</source>
            <translation>Leer</translation>
        </message>
        <message>
            <source>Hide %1</source>
            <translation>Ocultar %1</translation>
        </message>
        <message>
            <source>Read %1</source>
            <translation>Leer %1</translation>
        </message>
    </context>
    <context>
        <name>ProShopScreen</name>
        <message>
            <source>ProShop</source>
            <translation>Tienda</translation>
        </message>
        <message>
            <source>Out of stock</source>
            <translation>Agotado</translation>
        </message>
        <message>
            <source>Add to Cart</source>
            <translation>Agregar al carrito</translation>
        </message>
        <message>
            <source>Log In to Buy</source>
            <translation>Inicie sesión para comprar</translation>
        </message>
        <message>
            <source>Buy on Your Phone</source>
            <translation>Comprar en su teléfono</translation>
        </message>
    </context>
    <context>
        <name>ReceiptScreen</name>
        <message>
            <source>Thank you! Your payment went through.</source>
            <translation>¡Gracias! Su pago se realizó con éxito.</translation>
        </message>
        <message>
            <source>Total %1</source>
            <translation>Total: %1</translation>
        </message>
        <message>
            <source>Receipt %1 was emailed to %2.</source>
            <translation>Enviamos el recibo %1 a %2.</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
    </context>
    <context>
        <name>ScheduleBridge</name>
        <message>
            <source>We couldn't load the times. Please try again.</source>
            <translation>No pudimos cargar los horarios. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>No open times in the next three weeks. Please ask at the front desk.</source>
            <translation>No hay horarios disponibles en las próximas tres semanas. Pregunte en la recepción.</translation>
        </message>
    </context>
    <context>
        <name>SessionBridge</name>
        <message>
            <source>That email and password don't match our records. Please try again.</source>
            <translation>Ese correo y esa contraseña no coinciden con nuestros registros. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Your session has ended. Please log in again.</source>
            <translation>Su sesión terminó. Por favor, inicie sesión de nuevo.</translation>
        </message>
        <message>
            <source>We can't reach our system right now. Please try again in a moment, or ask at the front desk.</source>
            <translation>En este momento no podemos conectarnos con nuestro sistema. Inténtelo de nuevo en un momento o pregunte en la recepción.</translation>
        </message>
        <message>
            <source>Something went wrong. Please try again or ask at the front desk.</source>
            <translation>Algo salió mal. Inténtelo de nuevo o pregunte en la recepción.</translation>
        </message>
        <message>
            <source>We could not confirm something you paid for at the kiosk earlier. Please check My Account or ask at the front desk.</source>
            <translation>No pudimos confirmar algo que pagó antes en el quiosco. Revise Mi cuenta o pregunte en la recepción.</translation>
        </message>
        <message>
            <source>Something you paid for at the kiosk earlier did not go through: %1</source>
            <translation>Algo que pagó antes en el quiosco no se completó: %1</translation>
        </message>
        <message>
            <source>Good news: the booking you paid for at the kiosk earlier went through (%1).</source>
            <translation>Buenas noticias: la reserva que pagó antes en el quiosco se completó (%1).</translation>
        </message>
        <message>
            <source>Good news: your payment of %1 from your last visit at the kiosk went through.</source>
            <translation>Buenas noticias: su pago de %1 de su última visita al quiosco se completó.</translation>
        </message>
        <message>
            <source>To use your account at the kiosk, the policies need to be accepted. You have been logged out. The front desk is happy to answer any questions.</source>
            <translation>Para usar su cuenta en el quiosco, hay que aceptar las políticas. Cerramos su sesión. En la recepción con gusto responden sus preguntas.</translation>
        </message>
        <message>
            <source>For everyone's privacy, visits at the kiosk end after a while. You have been logged out.</source>
            <translation>Por la privacidad de todos, las visitas al quiosco terminan después de un rato. Cerramos su sesión.</translation>
        </message>
    </context>
    <context>
        <name>StaffBridge</name>
        <message>
            <source>The portal can't be reached right now.</source>
            <translation>En este momento no hay conexión con el portal.</translation>
        </message>
        <message>
            <source>That didn't work. Please try again.</source>
            <translation>Eso no funcionó. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Type at least 2 letters or digits.</source>
            <translation>Escriba al menos 2 letras o números.</translation>
        </message>
        <message>
            <source>No family matches that. Try a last name, phone or email.</source>
            <translation>Ninguna familia coincide. Pruebe con un apellido, un teléfono o un correo.</translation>
        </message>
        <message>
            <source>Connected to %1.</source>
            <translation>Conectado a %1.</translation>
        </message>
        <message>
            <source>Please check the highlighted settings.</source>
            <translation>Revise los ajustes marcados.</translation>
        </message>
        <message>
            <source>Saved. The kiosk uses the new settings now.</source>
            <translation>Guardado. El quiosco ya usa la configuración nueva.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>nunca</translation>
        </message>
        <message>
            <source>%1 of %2 checked in</source>
            <translation>%1 de %2 han llegado</translation>
        </message>
        <message>
            <source>late</source>
            <translation>tarde</translation>
        </message>
        <message>
            <source>drop-in</source>
            <translation>clase suelta</translation>
        </message>
        <message>
            <source>account suspended</source>
            <translation>cuenta suspendida</translation>
        </message>
        <message>
            <source>policies to accept</source>
            <translation>políticas por aceptar</translation>
        </message>
        <message>
            <source>balance over the limit</source>
            <translation>saldo por encima del límite</translation>
        </message>
        <message>
            <source>Please give the kiosk a name.</source>
            <translation>Póngale un nombre al quiosco.</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>revocado</translation>
        </message>
        <message>
            <source>this kiosk</source>
            <translation>este quiosco</translation>
        </message>
        <message>
            <source>last seen %1</source>
            <translation>última conexión: %1</translation>
        </message>
    </context>
    <context>
        <name>StaffPanelScreen</name>
        <message>
            <source>Help a walk-in</source>
            <translation>Atender a un visitante</translation>
        </message>
        <message>
            <source>Kiosk settings</source>
            <translation>Configuración del quiosco</translation>
        </message>
        <message>
            <source>Sync status</source>
            <translation>Estado de sincronización</translation>
        </message>
        <message>
            <source>Demo mailbox</source>
            <translation>Buzón de demostración</translation>
        </message>
        <message>
            <source>Check-ins today</source>
            <translation>Llegadas de hoy</translation>
        </message>
        <message>
            <source>Staff — %1</source>
            <translation>Personal — %1</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Cerrar sesión</translation>
        </message>
        <message>
            <source>Exit kiosk</source>
            <translation>Salir del quiosco</translation>
        </message>
        <message>
            <source>Kiosks</source>
            <translation>Quioscos</translation>
        </message>
        <message>
            <source>Close the kiosk? The screen stays without the kiosk until someone starts it again.</source>
            <translation>¿Cerrar el quiosco? La pantalla quedará sin el quiosco hasta que alguien lo vuelva a iniciar.</translation>
        </message>
        <message>
            <source>Signed in without the portal: kiosk settings, sync status and exit only.</source>
            <translation>Sesión iniciada sin el portal: solo configuración del quiosco, estado de sincronización y salir.</translation>
        </message>
        <message>
            <source>Last name, phone or email</source>
            <translation>Apellido, teléfono o correo</translation>
        </message>
        <message>
            <source>Find a family</source>
            <translation>Buscar una familia</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>Buscar</translation>
        </message>
        <message>
            <source>New family</source>
            <translation>Familia nueva</translation>
        </message>
        <message>
            <source>Guardian first name</source>
            <translation>Nombre del padre, madre o tutor</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Apellido</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>Correo electrónico</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>Teléfono celular</translation>
        </message>
        <message>
            <source>Student first name</source>
            <translation>Nombre del alumno</translation>
        </message>
        <message>
            <source>Birth date (MM/DD/YYYY)</source>
            <translation>Fecha de nacimiento (MM/DD/AAAA)</translation>
        </message>
        <message>
            <source>Create and open</source>
            <translation>Crear y abrir</translation>
        </message>
        <message>
            <source>Families found</source>
            <translation>Familias encontradas</translation>
        </message>
        <message>
            <source>suspended</source>
            <translation>suspendida</translation>
        </message>
        <message>
            <source>Can't check in at the kiosk: %1</source>
            <translation>No puede registrar la llegada en el quiosco: %1</translation>
        </message>
        <message>
            <source>%1 due</source>
            <translation>%1 pendiente</translation>
        </message>
        <message>
            <source>%1 policies to accept</source>
            <translation>%1 políticas por aceptar</translation>
        </message>
        <message>
            <source>Open account</source>
            <translation>Abrir cuenta</translation>
        </message>
        <message>
            <source>Portal address</source>
            <translation>Dirección del portal</translation>
        </message>
        <message>
            <source>Account name</source>
            <translation>Nombre de la cuenta</translation>
        </message>
        <message>
            <source>Location id (empty: the organisation's default)</source>
            <translation>Id. de la sede (vacío: la predeterminada de la organización)</translation>
        </message>
        <message>
            <source>Idle time-out in seconds (empty: the organisation's)</source>
            <translation>Tiempo de inactividad en segundos (vacío: el de la organización)</translation>
        </message>
        <message>
            <source>Device id: %1</source>
            <translation>Id. del dispositivo: %1</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Probar conexión</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <source>Where the catalog comes from</source>
            <translation>De dónde viene el catálogo</translation>
        </message>
        <message>
            <source>Our portal</source>
            <translation>Nuestro portal</translation>
        </message>
        <message>
            <source>An iClassPro account (browse only)</source>
            <translation>Una cuenta de iClassPro (solo para consultar)</translation>
        </message>
        <message>
            <source>Customer portal address (the QR codes send families there)</source>
            <translation>Dirección del portal de clientes (los códigos QR llevan a las familias ahí)</translation>
        </message>
        <message>
            <source>Save the catalog source</source>
            <translation>Guardar el origen del catálogo</translation>
        </message>
        <message>
            <source>The kiosk's own announcements (shown with the news)</source>
            <translation>Anuncios propios del quiosco (se muestran con las noticias)</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Quitar</translation>
        </message>
        <message>
            <source>Remove the slide %1</source>
            <translation>Quitar la diapositiva %1</translation>
        </message>
        <message>
            <source>Announcement title</source>
            <translation>Título del anuncio</translation>
        </message>
        <message>
            <source>Announcement text</source>
            <translation>Texto del anuncio</translation>
        </message>
        <message>
            <source>Picture file on this kiosk (optional)</source>
            <translation>Archivo de imagen en este quiosco (opcional)</translation>
        </message>
        <message>
            <source>Add the announcement</source>
            <translation>Agregar el anuncio</translation>
        </message>
        <message>
            <source>Last sync: %1 · cursor %2 · %3</source>
            <translation>Última sincronización: %1 · cursor %2 · %3</translation>
        </message>
        <message>
            <source>online</source>
            <translation>en línea</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>sin conexión</translation>
        </message>
        <message>
            <source>Last error: %1</source>
            <translation>Último error: %1</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Sincronizar ahora</translation>
        </message>
        <message>
            <source>Payments and checkouts waiting or done (outbox)</source>
            <translation>Pagos y compras pendientes o completados (bandeja de salida)</translation>
        </message>
        <message>
            <source>To: %1</source>
            <translation>Para: %1</translation>
        </message>
        <message>
            <source>Sent to the front desk</source>
            <translation>Enviados a recepción</translation>
        </message>
        <message>
            <source>%1 · %2 family — %3</source>
            <translation>%1 · familia %2 — %3</translation>
        </message>
        <message>
            <source>No classes meet today.</source>
            <translation>Hoy no hay clases.</translation>
        </message>
        <message>
            <source>Enroll another kiosk</source>
            <translation>Registrar otro quiosco</translation>
        </message>
        <message>
            <source>Pairing code: %1 (enter it on the new kiosk within 15 minutes; it works once)</source>
            <translation>Código de vinculación: %1 (escríbalo en el nuevo quiosco dentro de 15 minutos; sirve una sola vez)</translation>
        </message>
        <message>
            <source>Name of the kiosk %1</source>
            <translation>Nombre del quiosco %1</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Cambiar nombre</translation>
        </message>
        <message>
            <source>Rename the kiosk %1</source>
            <translation>Cambiar el nombre del quiosco %1</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>Revocar</translation>
        </message>
        <message>
            <source>Revoke the kiosk %1</source>
            <translation>Revocar el quiosco %1</translation>
        </message>
        <message>
            <source>Yes, exit the kiosk</source>
            <translation>Sí, salir del quiosco</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
    </context>
    <context>
        <name>StaffPinPopup</name>
        <message>
            <source>Staff PIN</source>
            <translation>PIN del personal</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Entrar</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
    </context>
    <context>
        <name>StaffScreen</name>
        <message>
            <source>Meet the Staff</source>
            <translation>Nuestro equipo</translation>
        </message>
    </context>
    <context>
        <name>StartupScreen</name>
        <message>
            <source>Getting the kiosk ready…</source>
            <translation>Preparando el quiosco…</translation>
        </message>
        <message>
            <source>The kiosk is not ready yet</source>
            <translation>El quiosco todavía no está listo</translation>
        </message>
        <message>
            <source>Staff: kiosk settings</source>
            <translation>Personal: configuración del quiosco</translation>
        </message>
    </context>
    <context>
        <name>SuccessPanel</name>
        <message>
            <source>Done</source>
            <translation>Listo</translation>
        </message>
    </context>
    <context>
        <name>WelcomeInfoPopup</name>
        <message>
            <source>Continue</source>
            <translation>Continuar</translation>
        </message>
    </context>
    <context>
        <name>Wording</name>
        <message>
            <source>Sundays</source>
            <translation>Domingos</translation>
        </message>
        <message>
            <source>Mondays</source>
            <translation>Lunes</translation>
        </message>
        <message>
            <source>Tuesdays</source>
            <translation>Martes</translation>
        </message>
        <message>
            <source>Wednesdays</source>
            <translation>Miércoles</translation>
        </message>
        <message>
            <source>Thursdays</source>
            <translation>Jueves</translation>
        </message>
        <message>
            <source>Fridays</source>
            <translation>Viernes</translation>
        </message>
        <message>
            <source>Saturdays</source>
            <translation>Sábados</translation>
        </message>
        <message>
            <source>%1 (1 day)</source>
            <translation>%1 (1 día)</translation>
        </message>
        <message>
            <source>%1 (%2 days)</source>
            <translation>%1 (%2 días)</translation>
        </message>
        <message>
            <source>For %1 (%2)</source>
            <translation>Para %1 (%2)</translation>
        </message>
        <message>
            <source>%1 from %2</source>
            <translation>%1 desde el %2</translation>
        </message>
        <message>
            <source>Sent to %1</source>
            <translation>Enviado a %1</translation>
        </message>
        <message>
            <source>Annual registration fee</source>
            <translation>Cuota anual de inscripción</translation>
        </message>
        <message>
            <source>Sales tax</source>
            <translation>Impuesto sobre las ventas</translation>
        </message>
        <message>
            <source>Tuition – %1 – %2</source>
            <translation>Matrícula – %1 – %2</translation>
        </message>
        <message>
            <source>Tuition – %1 – %2 – %3</source>
            <translation>Matrícula de %3 – %1 – %2</translation>
        </message>
        <message>
            <source>Camp – %1 – %2</source>
            <translation>Campamento – %1 – %2</translation>
        </message>
        <message>
            <source>Birthday party – %1 – %2</source>
            <translation>Fiesta de cumpleaños – %1 – %2</translation>
        </message>
        <message>
            <source>eGift card for %1</source>
            <translation>Tarjeta de regalo digital para %1</translation>
        </message>
        <message>
            <source>Account credit</source>
            <translation>Crédito de la cuenta</translation>
        </message>
        <message>
            <source>%1 with %2</source>
            <translation>%1 con %2</translation>
        </message>
        <message>
            <source>Qty %1</source>
            <translation>Cant. %1</translation>
        </message>
    </context>
    <context>
        <name>kiosk</name>
        <message>
            <source>Please check the highlighted fields.</source>
            <translation>Revise los campos marcados.</translation>
        </message>
        <message>
            <source>a first name</source>
            <translation>un nombre</translation>
        </message>
        <message>
            <source>a last name</source>
            <translation>un apellido</translation>
        </message>
        <message>
            <source>the street address</source>
            <translation>la dirección</translation>
        </message>
        <message>
            <source>the city</source>
            <translation>la ciudad</translation>
        </message>
        <message>
            <source>the contact's name</source>
            <translation>el nombre del contacto</translation>
        </message>
        <message>
            <source>Please add at least one student.</source>
            <translation>Agregue al menos un alumno.</translation>
        </message>
        <message>
            <source>Please enter your password.</source>
            <translation>Escriba su contraseña.</translation>
        </message>
        <message>
            <source>Please enter the 6-digit code from the email.</source>
            <translation>Escriba el código de 6 dígitos del correo.</translation>
        </message>
        <message>
            <source>The portal's answer could not be read. Please try again or ask at the front desk.</source>
            <translation>No se pudo leer la respuesta del portal. Inténtelo de nuevo o pregunte en la recepción.</translation>
        </message>
        <message>
            <source>The portal could not be reached. Please check the network connection.</source>
            <translation>No se pudo conectar con el portal. Revise la conexión de red.</translation>
        </message>
        <message>
            <source>The portal's answer was cut off. Please try again.</source>
            <translation>La respuesta del portal llegó incompleta. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>The portal could not find what the kiosk asked for.</source>
            <translation>El portal no encontró lo que pidió el quiosco.</translation>
        </message>
        <message>
            <source>The portal is busy. Please try again in a moment.</source>
            <translation>El portal está ocupado. Inténtelo de nuevo en un momento.</translation>
        </message>
        <message>
            <source>The portal had a problem. Please try again in a moment.</source>
            <translation>El portal tuvo un problema. Inténtelo de nuevo en un momento.</translation>
        </message>
        <message>
            <source>Please sign in again.</source>
            <translation>Vuelva a iniciar sesión.</translation>
        </message>
        <message>
            <source>The portal refused the request (HTTP {status}).</source>
            <translation>El portal rechazó la solicitud (HTTP {status}).</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>Dom</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Lun</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Mar</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mié</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Jue</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>Vie</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sáb</translation>
        </message>
        <message>
            <source>AM</source>
            <translation>a.m.</translation>
        </message>
        <message>
            <source>PM</source>
            <translation>p.m.</translation>
        </message>
        <message>
            <source> &amp; </source>
            <translation> y </translation>
        </message>
        <message>
            <source>All ages</source>
            <translation>Todas las edades</translation>
        </message>
        <message>
            <source>Ages {low}+</source>
            <translation>Desde {low} años</translation>
        </message>
        <message>
            <source>Up to age {high}</source>
            <translation>Hasta {high} años</translation>
        </message>
        <message>
            <source>Ages {low}–{high}</source>
            <translation>Edades {low}–{high}</translation>
        </message>
        <message>
            <source>Full - join waitlist</source>
            <translation>Llena: anótese en la lista de espera</translation>
        </message>
        <message>
            <source>Full</source>
            <translation>Llena</translation>
        </message>
        <message>
            <source>1 spot left</source>
            <translation>Queda 1 lugar</translation>
        </message>
        <message>
            <source>{n} spots left</source>
            <translation>Quedan {n} lugares</translation>
        </message>
        <message>
            <source>Openings</source>
            <translation>Hay lugares</translation>
        </message>
        <message>
            <source>{name} is {age}; this class is for {ages}.</source>
            <translation>{name} tiene {age} años; esta clase es para {ages}.</translation>
        </message>
        <message>
            <source>Ages</source>
            <translation>Edades</translation>
        </message>
        <message>
            <source>ages</source>
            <translation>edades</translation>
        </message>
        <message>
            <source>{name} is {age}; this camp is for ages {low} to {high}.</source>
            <translation>{name} tiene {age} años; este campamento es para edades de {low} a {high}.</translation>
        </message>
        <message>
            <source>Please enter your phone number.</source>
            <translation>Por favor, escriba su número de teléfono.</translation>
        </message>
        <message>
            <source>Please enter the whole phone number, with the area code.</source>
            <translation>Por favor, escriba el número completo, con el código de área.</translation>
        </message>
        <message>
            <source>That phone number has too many digits.</source>
            <translation>Ese número de teléfono tiene demasiados dígitos.</translation>
        </message>
        <message>
            <source>Please enter your check-in PIN.</source>
            <translation>Por favor, escriba su PIN de llegada.</translation>
        </message>
        <message>
            <source>Your check-in PIN has 4 to 6 digits.</source>
            <translation>Su PIN de llegada tiene de 4 a 6 dígitos.</translation>
        </message>
        <message>
            <source>That card could not be read. Please scan it again.</source>
            <translation>No se pudo leer la tarjeta. Por favor, pásela otra vez.</translation>
        </message>
        <message>
            <source>Please choose how to find your family.</source>
            <translation>Por favor, elija cómo buscar a su familia.</translation>
        </message>
        <message>
            <source>Please enter the card number.</source>
            <translation>Escriba el número de tarjeta.</translation>
        </message>
        <message>
            <source>That card number doesn't look right. Please check it.</source>
            <translation>Ese número de tarjeta no parece correcto. Revíselo, por favor.</translation>
        </message>
        <message>
            <source>We accept Visa, Mastercard, American Express and Discover.</source>
            <translation>Aceptamos Visa, Mastercard, American Express y Discover.</translation>
        </message>
        <message>
            <source>Please enter the expiry as MM/YY.</source>
            <translation>Escriba el vencimiento como MM/AA.</translation>
        </message>
        <message>
            <source>This card has expired.</source>
            <translation>Esta tarjeta está vencida.</translation>
        </message>
        <message>
            <source>Please enter the {n}-digit security code.</source>
            <translation>Escriba el código de seguridad de {n} dígitos.</translation>
        </message>
        <message>
            <source>Please enter the 5-digit billing ZIP code.</source>
            <translation>Escriba el código postal de facturación de 5 dígitos.</translation>
        </message>
        <message>
            <source>That routing number doesn't look right. It is the 9 digits at the bottom left of a check.</source>
            <translation>Ese número de ruta no parece correcto. Son los 9 dígitos abajo a la izquierda del cheque.</translation>
        </message>
        <message>
            <source>Please enter the account number (4 to 17 digits).</source>
            <translation>Escriba el número de cuenta (de 4 a 17 dígitos).</translation>
        </message>
        <message>
            <source>the name on the account</source>
            <translation>el nombre del titular de la cuenta</translation>
        </message>
        <message>
            <source>The card reader couldn't read that card. Please try again.</source>
            <translation>El lector no pudo leer esa tarjeta. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Bank account</source>
            <translation>Cuenta bancaria</translation>
        </message>
        <message>
            <source>Please choose how to pay.</source>
            <translation>Elija cómo desea pagar.</translation>
        </message>
        <message>
            <source>Credit balance</source>
            <translation>Saldo a favor</translation>
        </message>
        <message>
            <source>Registration for this class opens on %1.</source>
            <translation>La inscripción para esta clase abre el %1.</translation>
        </message>
        <message>
            <source>Registration for this camp opens on %1.</source>
            <translation>La inscripción para este campamento abre el %1.</translation>
        </message>
        <message>
            <source>The class does not meet on %1.</source>
            <translation>La clase no se reúne el %1.</translation>
        </message>
        <message>
            <source>It is too late to mark %2 absent for %1. Please call the front desk.</source>
            <translation>Ya no se puede marcar la ausencia de %2 del %1. Por favor, llame a la recepción.</translation>
        </message>
        <message>
            <source>%2 is already marked absent for %1.</source>
            <translation>%2 ya tiene una ausencia marcada el %1.</translation>
        </message>
        <message>
            <source>It is too late to take back %2's absence for %1. Please call the front desk.</source>
            <translation>Ya no se puede anular la ausencia de %2 del %1. Por favor, llame a la recepción.</translation>
        </message>
        <message>
            <source>%2's seat on %1 has been given to someone else, so the absence cannot be taken back.</source>
            <translation>El lugar de %2 del %1 ya es de otra persona, así que no se puede anular la ausencia.</translation>
        </message>
        <message>
            <source>That makeup credit expired on %1.</source>
            <translation>Ese crédito de recuperación venció el %1.</translation>
        </message>
        <message>
            <source>That class is full on %1. Please choose another date.</source>
            <translation>Esa clase está llena el %1. Por favor, elija otra fecha.</translation>
        </message>
        <message>
            <source>Please enter your 4 to 8 digit PIN.</source>
            <translation>Escriba su PIN de 4 a 8 dígitos.</translation>
        </message>
        <message>
            <source>Too many tries. Please wait 15 minutes or ask a manager.</source>
            <translation>Demasiados intentos. Espere 15 minutos o pida ayuda a un gerente.</translation>
        </message>
        <message>
            <source>Kiosk admin</source>
            <translation>Administrador del quiosco</translation>
        </message>
        <message>
            <source>The portal can't be reached, so only a PIN that has worked at this kiosk before can open it. Please try again.</source>
            <translation>No se puede conectar con el portal, así que solo un PIN que ya funcionó en este quiosco puede abrirlo. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Please type a name, phone number or email (at most 100 characters).</source>
            <translation>Escriba un nombre, un teléfono o un correo electrónico (100 caracteres como máximo).</translation>
        </message>
        <message>
            <source>Please sign in with your staff PIN again.</source>
            <translation>Vuelva a entrar con su PIN del personal.</translation>
        </message>
        <message>
            <source>The iClassPro account lists no open locations yet.</source>
            <translation>La cuenta de iClassPro todavía no tiene sedes abiertas.</translation>
        </message>
        <message>
            <source>Please enter {what}.</source>
            <translation>Escriba {what}.</translation>
        </message>
        <message>
            <source>Please use letters, digits and punctuation only.</source>
            <translation>Use solo letras, números y signos de puntuación.</translation>
        </message>
        <message>
            <source>That is too long; please use at most {n} letters.</source>
            <translation>Es demasiado largo; use como máximo {n} letras.</translation>
        </message>
        <message>
            <source>Please use letters only (spaces, hyphens and apostrophes are fine).</source>
            <translation>Use solo letras (se permiten espacios, guiones y apóstrofos).</translation>
        </message>
        <message>
            <source>Please enter your email address.</source>
            <translation>Escriba su correo electrónico.</translation>
        </message>
        <message>
            <source>That doesn't look like an email address. Please check it (like name@example.com).</source>
            <translation>Eso no parece un correo electrónico. Revíselo (por ejemplo, nombre@ejemplo.com).</translation>
        </message>
        <message>
            <source>Please enter a phone number.</source>
            <translation>Escriba un número de teléfono.</translation>
        </message>
        <message>
            <source>Please enter a 10-digit phone number, like 555-123-4567.</source>
            <translation>Escriba un teléfono de 10 dígitos, por ejemplo 555-123-4567.</translation>
        </message>
        <message>
            <source>Please enter a 5-digit ZIP code.</source>
            <translation>Escriba un código postal de 5 dígitos.</translation>
        </message>
        <message>
            <source>Please enter the two-letter state, like IL.</source>
            <translation>Escriba el estado con dos letras, por ejemplo IL.</translation>
        </message>
        <message>
            <source>Please use at least {n} characters.</source>
            <translation>Use al menos {n} caracteres.</translation>
        </message>
        <message>
            <source>Please use at most {n} characters.</source>
            <translation>Use como máximo {n} caracteres.</translation>
        </message>
        <message>
            <source>Please enter the birth date.</source>
            <translation>Escriba la fecha de nacimiento.</translation>
        </message>
        <message>
            <source>Please enter the birth date as MM/DD/YYYY.</source>
            <translation>Escriba la fecha de nacimiento como MM/DD/AAAA.</translation>
        </message>
        <message>
            <source>The birth date must be in the past.</source>
            <translation>La fecha de nacimiento tiene que ser una fecha pasada.</translation>
        </message>
        <message>
            <source>Please check the year of the birth date.</source>
            <translation>Revise el año de la fecha de nacimiento.</translation>
        </message>
    </context>
    <context>
        <name>portal</name>
        <message>
            <source>Please enter this as text.</source>
            <translation>Escríbalo como texto.</translation>
        </message>
        <message>
            <source>Please remove the unusual characters.</source>
            <translation>Quite los caracteres poco comunes.</translation>
        </message>
        <message>
            <source>Please enter a first name.</source>
            <translation>Escriba un nombre.</translation>
        </message>
        <message>
            <source>Please enter a last name.</source>
            <translation>Escriba un apellido.</translation>
        </message>
        <message>
            <source>Please enter the city.</source>
            <translation>Escriba la ciudad.</translation>
        </message>
        <message>
            <source>Please enter the contact's name.</source>
            <translation>Escriba el nombre del contacto.</translation>
        </message>
        <message>
            <source>Please enter the recipient's name.</source>
            <translation>Escriba el nombre de quien lo recibe.</translation>
        </message>
        <message>
            <source>Please enter the name.</source>
            <translation>Escriba el nombre.</translation>
        </message>
        <message>
            <source>That is too long; please use at most 50 letters.</source>
            <translation>Es demasiado largo; use como máximo 50 letras.</translation>
        </message>
        <message>
            <source>Please use letters only (spaces, hyphens and apostrophes are fine).</source>
            <translation>Use solo letras (se permiten espacios, guiones y apóstrofos).</translation>
        </message>
        <message>
            <source>Please enter your email address.</source>
            <translation>Escriba su correo electrónico.</translation>
        </message>
        <message>
            <source>That doesn't look like an email address. Please check it (like name@example.com).</source>
            <translation>Eso no parece un correo electrónico. Revíselo (por ejemplo, nombre@ejemplo.com).</translation>
        </message>
        <message>
            <source>Please enter a phone number.</source>
            <translation>Escriba un número de teléfono.</translation>
        </message>
        <message>
            <source>Please enter a 10-digit phone number, like 555-123-4567.</source>
            <translation>Escriba un número de teléfono de 10 dígitos, como 555-123-4567.</translation>
        </message>
        <message>
            <source>Please enter a 5-digit ZIP code.</source>
            <translation>Escriba un código postal de 5 dígitos.</translation>
        </message>
        <message>
            <source>Please enter the two-letter state, like IL.</source>
            <translation>Escriba el estado con dos letras, como IL.</translation>
        </message>
        <message>
            <source>Please enter the street address.</source>
            <translation>Escriba la dirección (calle y número).</translation>
        </message>
        <message>
            <source>Please enter a name for the kiosk.</source>
            <translation>Escriba un nombre para el quiosco.</translation>
        </message>
        <message>
            <source>Please enter the pairing code staff gave you.</source>
            <translation>Escriba el código de vinculación que le dio el personal.</translation>
        </message>
        <message>
            <source>Please enter the code we emailed you.</source>
            <translation>Escriba el código que le enviamos por correo.</translation>
        </message>
        <message>
            <source>Please use at least 8 characters.</source>
            <translation>Use al menos 8 caracteres.</translation>
        </message>
        <message>
            <source>Please use at most 128 characters.</source>
            <translation>Use como máximo 128 caracteres.</translation>
        </message>
        <message>
            <source>That password is too common. Please choose one that is harder to guess.</source>
            <translation>Esa contraseña es demasiado común. Elija una que sea más difícil de adivinar.</translation>
        </message>
        <message>
            <source>Please enter your password.</source>
            <translation>Escriba su contraseña.</translation>
        </message>
        <message>
            <source>Please enter the 6-digit code from the email.</source>
            <translation>Escriba el código de 6 dígitos del correo.</translation>
        </message>
        <message>
            <source>Please enter the birth date.</source>
            <translation>Escriba la fecha de nacimiento.</translation>
        </message>
        <message>
            <source>Please enter a real date for the birth date.</source>
            <translation>Escriba una fecha de nacimiento válida.</translation>
        </message>
        <message>
            <source>The birth date must be in the past.</source>
            <translation>La fecha de nacimiento debe ser una fecha pasada.</translation>
        </message>
        <message>
            <source>Please check the year of the birth date.</source>
            <translation>Revise el año de la fecha de nacimiento.</translation>
        </message>
        <message>
            <source>Please choose female or male, or leave it empty.</source>
            <translation>Elija femenino o masculino, o déjelo en blanco.</translation>
        </message>
        <message>
            <source>Please fill in the student's details.</source>
            <translation>Complete los datos del alumno.</translation>
        </message>
        <message>
            <source>Please fill in the address.</source>
            <translation>Complete la dirección.</translation>
        </message>
        <message>
            <source>Please fill in your details.</source>
            <translation>Complete sus datos.</translation>
        </message>
        <message>
            <source>Please fill in the emergency contact.</source>
            <translation>Complete el contacto de emergencia.</translation>
        </message>
        <message>
            <source>Please fill in the guardian's details.</source>
            <translation>Complete los datos del tutor.</translation>
        </message>
        <message>
            <source>Please fill in how to pay.</source>
            <translation>Indique cómo desea pagar.</translation>
        </message>
        <message>
            <source>Please fill in the policy to accept.</source>
            <translation>Indique la política que acepta.</translation>
        </message>
        <message>
            <source>Please fill in who to check in.</source>
            <translation>Indique a quién registrar la llegada.</translation>
        </message>
        <message>
            <source>Please send students as a list.</source>
            <translation>Envíe los alumnos como una lista.</translation>
        </message>
        <message>
            <source>Please send policies as a list.</source>
            <translation>Envíe las políticas como una lista.</translation>
        </message>
        <message>
            <source>Please send check-ins as a list.</source>
            <translation>Envíe las llegadas como una lista.</translation>
        </message>
        <message>
            <source>Please send charges as a list.</source>
            <translation>Envíe los cargos como una lista.</translation>
        </message>
        <message>
            <source>Please send at most 20 students at a time.</source>
            <translation>Envíe como máximo 20 alumnos a la vez.</translation>
        </message>
        <message>
            <source>Please send at most 50 policies at a time.</source>
            <translation>Envíe como máximo 50 políticas a la vez.</translation>
        </message>
        <message>
            <source>Please send at most 50 check-ins at a time.</source>
            <translation>Envíe como máximo 50 llegadas a la vez.</translation>
        </message>
        <message>
            <source>Please send at most 200 charges at a time.</source>
            <translation>Envíe como máximo 200 cargos a la vez.</translation>
        </message>
        <message>
            <source>We could not find that.</source>
            <translation>No pudimos encontrarlo.</translation>
        </message>
        <message>
            <source>Please choose one of your families.</source>
            <translation>Elija una de sus familias.</translation>
        </message>
        <message>
            <source>We could not find that policy.</source>
            <translation>No pudimos encontrar esa política.</translation>
        </message>
        <message>
            <source>Please send the policy's version.</source>
            <translation>Envíe la versión de la política.</translation>
        </message>
        <message>
            <source>We could not find that student.</source>
            <translation>No pudimos encontrar a ese alumno.</translation>
        </message>
        <message>
            <source>Please choose a student.</source>
            <translation>Elija un alumno.</translation>
        </message>
        <message>
            <source>Please choose a class.</source>
            <translation>Elija una clase.</translation>
        </message>
        <message>
            <source>We could not find that alert.</source>
            <translation>No encontramos ese aviso.</translation>
        </message>
        <message>
            <source>We could not find that charge.</source>
            <translation>No pudimos encontrar ese cargo.</translation>
        </message>
        <message>
            <source>Please add at least one student.</source>
            <translation>Agregue al menos un alumno.</translation>
        </message>
        <message>
            <source>Please add at least one policy.</source>
            <translation>Agregue al menos una política.</translation>
        </message>
        <message>
            <source>Please add at least one student to check in.</source>
            <translation>Agregue al menos un alumno para registrar su llegada.</translation>
        </message>
        <message>
            <source>Please choose a real date.</source>
            <translation>Elija una fecha válida.</translation>
        </message>
        <message>
            <source>Please send the days as a list.</source>
            <translation>Envíe los días como una lista.</translation>
        </message>
        <message>
            <source>Please choose at most 60 days.</source>
            <translation>Elija como máximo 60 días.</translation>
        </message>
        <message>
            <source>Please choose a time.</source>
            <translation>Elija una hora.</translation>
        </message>
        <message>
            <source>Please choose a class, camp, appointment, party, product or eGift card.</source>
            <translation>Elija una clase, un campamento, una cita, una fiesta, un producto o una tarjeta de regalo electrónica.</translation>
        </message>
        <message>
            <source>Please choose an appointment time.</source>
            <translation>Elija una hora para la cita.</translation>
        </message>
        <message>
            <source>Please look at the amount again and pay from the new total.</source>
            <translation>Revise el monto de nuevo y pague según el nuevo total.</translation>
        </message>
        <message>
            <source>Please choose 1 to 99.</source>
            <translation>Elija de 1 a 99.</translation>
        </message>
        <message>
            <source>Please send the credit in cents.</source>
            <translation>Envíe el crédito en centavos.</translation>
        </message>
        <message>
            <source>Please choose an amount.</source>
            <translation>Elija un monto.</translation>
        </message>
        <message>
            <source>Please enter the message as text.</source>
            <translation>Escriba el mensaje como texto.</translation>
        </message>
        <message>
            <source>Please keep the message to 300 characters.</source>
            <translation>El mensaje puede tener como máximo 300 caracteres.</translation>
        </message>
        <message>
            <source>Please send true or false.</source>
            <translation>Envíe verdadero o falso.</translation>
        </message>
        <message>
            <source>Please enter your PIN.</source>
            <translation>Escriba su PIN.</translation>
        </message>
        <message>
            <source>Please choose phone, PIN or card.</source>
            <translation>Elija teléfono, PIN o tarjeta.</translation>
        </message>
        <message>
            <source>Please enter your phone number, PIN or card.</source>
            <translation>Escriba su número de teléfono, su PIN o su tarjeta.</translation>
        </message>
        <message>
            <source>This is required.</source>
            <translation>Este dato es obligatorio.</translation>
        </message>
        <message>
            <source>Please send a whole number.</source>
            <translation>Envíe un número entero.</translation>
        </message>
        <message>
            <source>Please send a list.</source>
            <translation>Envíe una lista.</translation>
        </message>
        <message>
            <source>Please send an object.</source>
            <translation>Envíe un objeto.</translation>
        </message>
        <message>
            <source>Please enter a real date.</source>
            <translation>Escriba una fecha válida.</translation>
        </message>
        <message>
            <source>The request could not be read. Please send the details as JSON.</source>
            <translation>No se pudo leer la solicitud. Envíe los datos en formato JSON.</translation>
        </message>
        <message>
            <source>Please send the details as a JSON object.</source>
            <translation>Envíe los datos como un objeto JSON.</translation>
        </message>
        <message>
            <source>Not found.</source>
            <translation>No se encontró.</translation>
        </message>
        <message>
            <source>That request method is not allowed here.</source>
            <translation>Ese método de solicitud no está permitido aquí.</translation>
        </message>
        <message>
            <source>Something went wrong on our side. Please try again.</source>
            <translation>Algo salió mal de nuestro lado. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Lots of families are booking right now - please try again in a moment</source>
            <translation>Muchas familias están reservando en este momento; inténtelo de nuevo en un momento</translation>
        </message>
        <message>
            <source>If an account exists for that email, we sent a 6-digit code.</source>
            <translation>Si existe una cuenta con ese correo, le enviamos un código de 6 dígitos.</translation>
        </message>
        <message>
            <source>The end date must be on or after the start date.</source>
            <translation>La fecha de fin debe ser igual o posterior a la fecha de inicio.</translation>
        </message>
        <message>
            <source>Please ask for at most 62 days at a time.</source>
            <translation>Pida como máximo 62 días a la vez.</translation>
        </message>
        <message>
            <source>We could not find that location.</source>
            <translation>No pudimos encontrar esa sede.</translation>
        </message>
        <message>
            <source>Please give the date as YYYY-MM-DD.</source>
            <translation>Indique la fecha como AAAA-MM-DD.</translation>
        </message>
        <message>
            <source>We could not find that appointment type.</source>
            <translation>No pudimos encontrar ese tipo de cita.</translation>
        </message>
        <message>
            <source>The mailbox exists only on a demo portal (python -m portal --demo).</source>
            <translation>El buzón solo existe en un portal de demostración (python -m portal --demo).</translation>
        </message>
        <message>
            <source>The demo mailbox can be read only on the computer the portal runs on.</source>
            <translation>El buzón de demostración solo se puede leer en la computadora donde funciona el portal.</translation>
        </message>
        <message>
            <source>We could not find that guardian in your family.</source>
            <translation>No pudimos encontrar a ese tutor en su familia.</translation>
        </message>
        <message>
            <source>This organisation has no kiosk settings yet.</source>
            <translation>Esta organización todavía no tiene ajustes de quiosco.</translation>
        </message>
        <message>
            <source>The catalog was reset on the server. Please sync from the start.</source>
            <translation>El catálogo se reinició en el servidor. Sincronice desde el principio.</translation>
        </message>
        <message>
            <source>That image does not exist.</source>
            <translation>Esa imagen no existe.</translation>
        </message>
        <message>
            <source>Location not found.</source>
            <translation>No se encontró la sede.</translation>
        </message>
        <message>
            <source>Class not found.</source>
            <translation>No se encontró la clase.</translation>
        </message>
        <message>
            <source>Camp type not found.</source>
            <translation>No se encontró el tipo de campamento.</translation>
        </message>
        <message>
            <source>Camp not found.</source>
            <translation>No se encontró el campamento.</translation>
        </message>
        <message>
            <source>News not found.</source>
            <translation>No se encontró la noticia.</translation>
        </message>
        <message>
            <source>We could not find that student in your family.</source>
            <translation>No pudimos encontrar a ese alumno en su familia.</translation>
        </message>
        <message>
            <source>We could not find that class.</source>
            <translation>No pudimos encontrar esa clase.</translation>
        </message>
        <message>
            <source>We could not find that absence.</source>
            <translation>No encontramos esa ausencia.</translation>
        </message>
        <message>
            <source>The makeup credit from this absence has been used, so it cannot be taken back.</source>
            <translation>El crédito de recuperación de esta ausencia ya se usó, así que no se puede deshacer.</translation>
        </message>
        <message>
            <source>We could not find that makeup credit.</source>
            <translation>No encontramos ese crédito de recuperación.</translation>
        </message>
        <message>
            <source>That makeup credit has already been used.</source>
            <translation>Ese crédito de recuperación ya se usó.</translation>
        </message>
        <message>
            <source>Please check the highlighted fields.</source>
            <translation>Revise los campos marcados.</translation>
        </message>
        <message>
            <source>That account no longer exists.</source>
            <translation>Esa cuenta ya no existe.</translation>
        </message>
        <message>
            <source>That code is not right or has expired. Please check it, or change the email again.</source>
            <translation>Ese código no es correcto o ya venció. Revíselo o vuelva a cambiar el correo.</translation>
        </message>
        <message>
            <source>Please choose the student this policy is for.</source>
            <translation>Elija el alumno al que corresponde esta política.</translation>
        </message>
        <message>
            <source>Please check the policies you are accepting.</source>
            <translation>Revise las políticas que está aceptando.</translation>
        </message>
        <message>
            <source>This policy has changed. Please read the new version.</source>
            <translation>Esta política cambió. Lea la nueva versión.</translation>
        </message>
        <message>
            <source>Please choose a family first.</source>
            <translation>Primero elija una familia.</translation>
        </message>
        <message>
            <source>That email and password don't match our records. Please try again.</source>
            <translation>Ese correo y esa contraseña no coinciden con nuestros registros. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>We could not find that family.</source>
            <translation>No pudimos encontrar a esa familia.</translation>
        </message>
        <message>
            <source>That code is not right or has expired. Please check it, or ask for a new one.</source>
            <translation>Ese código no es correcto o ya venció. Revíselo o pida uno nuevo.</translation>
        </message>
        <message>
            <source>We couldn't find a family with that. Please try again or see the front desk.</source>
            <translation>No encontramos ninguna familia con ese dato. Inténtelo de nuevo o pase por la recepción.</translation>
        </message>
        <message>
            <source>Too many tries. Please see the front desk.</source>
            <translation>Demasiados intentos. Pase por la recepción.</translation>
        </message>
        <message>
            <source>That took a little long. Please start again.</source>
            <translation>Eso tardó demasiado. Empiece de nuevo.</translation>
        </message>
        <message>
            <source>Please see the front desk.</source>
            <translation>Por favor, pase por la recepción.</translation>
        </message>
        <message>
            <source>That check-in PIN is already used by another family.</source>
            <translation>Otra familia ya usa ese PIN de llegada.</translation>
        </message>
        <message>
            <source>That class is full today. Please see the front desk.</source>
            <translation>Esa clase está llena hoy. Pase por la recepción.</translation>
        </message>
        <message>
            <source>You're checked in!</source>
            <translation>¡Ya registró su llegada!</translation>
        </message>
        <message>
            <source>Please read and accept the policies before anything else.</source>
            <translation>Primero lea y acepte las políticas, por favor.</translation>
        </message>
        <message>
            <source>That email is already in use. Please log in, or use Forgot Password.</source>
            <translation>Ese correo ya está en uso. Inicie sesión o use «Olvidé mi contraseña».</translation>
        </message>
        <message>
            <source>Your session has ended. Please log in again.</source>
            <translation>Su sesión terminó. Inicie sesión de nuevo.</translation>
        </message>
        <message>
            <source>There is an issue with your account. Please contact us for further assistance</source>
            <translation>Hay un problema con su cuenta. Comuníquese con nosotros para recibir ayuda</translation>
        </message>
        <message>
            <source>Too many tries. Please try again later.</source>
            <translation>Demasiados intentos. Inténtelo más tarde.</translation>
        </message>
        <message>
            <source>This request was already sent with different details.</source>
            <translation>Esta solicitud ya se envió con otros datos.</translation>
        </message>
        <message>
            <source>This request needs an Idempotency-Key header.</source>
            <translation>Esta solicitud necesita un encabezado Idempotency-Key.</translation>
        </message>
        <message>
            <source>This request is being processed. Please try again in a moment.</source>
            <translation>Esta solicitud se está procesando. Inténtelo de nuevo en un momento.</translation>
        </message>
        <message>
            <source>This kiosk is not enrolled. Please ask staff to enroll it with a pairing code.</source>
            <translation>Este quiosco no está registrado. Pida al personal que lo registre con un código de vinculación.</translation>
        </message>
        <message>
            <source>Please give the kiosk a name.</source>
            <translation>Póngale un nombre al quiosco.</translation>
        </message>
        <message>
            <source>Please use at most 100 characters.</source>
            <translation>Use como máximo 100 caracteres.</translation>
        </message>
        <message>
            <source>That pairing code is not right or has expired. Please ask staff for a new one.</source>
            <translation>Ese código de vinculación no es correcto o ya venció. Pida uno nuevo al personal.</translation>
        </message>
        <message>
            <source>We could not find that kiosk.</source>
            <translation>No encontramos ese quiosco.</translation>
        </message>
        <message>
            <source>Please choose a card or bank account to pay the rest.</source>
            <translation>Elija una tarjeta o una cuenta bancaria para pagar el resto.</translation>
        </message>
        <message>
            <source>We couldn't reach the card processor. Please try again.</source>
            <translation>No pudimos comunicarnos con el procesador de tarjetas. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>The amount to pay has changed since you looked. Please check the new total and pay again.</source>
            <translation>El monto a pagar cambió desde que lo consultó. Revise el nuevo total y vuelva a pagar.</translation>
        </message>
        <message>
            <source>Please enter the account holder's name.</source>
            <translation>Escriba el nombre del titular de la cuenta.</translation>
        </message>
        <message>
            <source>Please enter the name as it appears.</source>
            <translation>Escriba el nombre tal como aparece.</translation>
        </message>
        <message>
            <source>Please enter the card number.</source>
            <translation>Escriba el número de tarjeta.</translation>
        </message>
        <message>
            <source>That card number is not right. Please check it.</source>
            <translation>Ese número de tarjeta no es correcto. Revíselo.</translation>
        </message>
        <message>
            <source>We accept Visa, Mastercard, American Express and Discover.</source>
            <translation>Aceptamos Visa, Mastercard, American Express y Discover.</translation>
        </message>
        <message>
            <source>Please choose the expiry month.</source>
            <translation>Elija el mes de vencimiento.</translation>
        </message>
        <message>
            <source>Please choose the expiry year.</source>
            <translation>Elija el año de vencimiento.</translation>
        </message>
        <message>
            <source>This card has expired.</source>
            <translation>Esta tarjeta está vencida.</translation>
        </message>
        <message>
            <source>Please enter the 9-digit routing number.</source>
            <translation>Escriba el número de ruta bancaria de 9 dígitos.</translation>
        </message>
        <message>
            <source>That routing number is not right. Please check it.</source>
            <translation>Ese número de ruta bancaria no es correcto. Revíselo.</translation>
        </message>
        <message>
            <source>Please enter the account number (4 to 17 digits).</source>
            <translation>Escriba el número de cuenta (de 4 a 17 dígitos).</translation>
        </message>
        <message>
            <source>Please choose checking or savings.</source>
            <translation>Elija cuenta de cheques o de ahorros.</translation>
        </message>
        <message>
            <source>Please choose card or eCheck.</source>
            <translation>Elija tarjeta o cheque electrónico.</translation>
        </message>
        <message>
            <source>That charge has already been paid.</source>
            <translation>Ese cargo ya está pagado.</translation>
        </message>
        <message>
            <source>There is nothing to pay right now.</source>
            <translation>No hay nada que pagar en este momento.</translation>
        </message>
        <message>
            <source>Please enter the card or bank account again.</source>
            <translation>Vuelva a escribir la tarjeta o la cuenta bancaria.</translation>
        </message>
        <message>
            <source>Your card was declined for insufficient funds. Please try another card or payment method.</source>
            <translation>Su tarjeta fue rechazada por fondos insuficientes. Pruebe con otra tarjeta u otra forma de pago.</translation>
        </message>
        <message>
            <source>Your bank declined this payment. Please try another card or payment method.</source>
            <translation>Su banco rechazó este pago. Pruebe con otra tarjeta u otra forma de pago.</translation>
        </message>
        <message>
            <source>Your card was declined. Please try another card or payment method.</source>
            <translation>Su tarjeta fue rechazada. Pruebe con otra tarjeta u otra forma de pago.</translation>
        </message>
        <message>
            <source>Too many tries. Please wait 15 minutes or ask a manager.</source>
            <translation>Demasiados intentos. Espere 15 minutos o pida ayuda a un encargado.</translation>
        </message>
        <message>
            <source>Staff sign-in is paused after many wrong PINs. Please wait 15 minutes or ask a manager.</source>
            <translation>El inicio de sesión del personal está en pausa tras muchos PIN incorrectos. Espere 15 minutos o pida ayuda a un gerente.</translation>
        </message>
        <message>
            <source>Your staff session has ended. Please sign in with your PIN again.</source>
            <translation>Su sesión de personal terminó. Vuelva a entrar con su PIN.</translation>
        </message>
        <message>
            <source>That PIN didn't work. Please try again.</source>
            <translation>Ese PIN no funcionó. Inténtelo de nuevo.</translation>
        </message>
        <message>
            <source>Please remove the unusual characters from the search.</source>
            <translation>Quite los caracteres poco comunes de la búsqueda.</translation>
        </message>
        <message>
            <source>Please type at least 2 characters of a name, phone number or email.</source>
            <translation>Escriba al menos 2 caracteres de un nombre, un teléfono o un correo.</translation>
        </message>
        <message>
            <source>Please search with at most 100 characters.</source>
            <translation>Busque con 100 caracteres como máximo.</translation>
        </message>
        <message>
            <source>This family has no guardian on file, so it cannot be opened here.</source>
            <translation>Esta familia no tiene ningún tutor registrado, así que no se puede abrir aquí.</translation>
        </message>
        <message>
            <source>That family no longer exists.</source>
            <translation>Esa familia ya no existe.</translation>
        </message>
        <message>
            <source>We could not find that appointment time.</source>
            <translation>No pudimos encontrar esa hora de cita.</translation>
        </message>
        <message>
            <source>That time was just taken. Please choose another.</source>
            <translation>Alguien acaba de reservar esa hora. Elija otra.</translation>
        </message>
        <message>
            <source>Please choose a camp.</source>
            <translation>Elija un campamento.</translation>
        </message>
        <message>
            <source>We could not find that camp.</source>
            <translation>No pudimos encontrar ese campamento.</translation>
        </message>
        <message>
            <source>Please choose days when this camp runs.</source>
            <translation>Elija días en los que haya campamento.</translation>
        </message>
        <message>
            <source>This camp is booked for all of its days.</source>
            <translation>Este campamento ya está reservado para todos sus días.</translation>
        </message>
        <message>
            <source>Please choose days that are still to come.</source>
            <translation>Elija días que todavía no hayan pasado.</translation>
        </message>
        <message>
            <source>Registration for this camp has closed.</source>
            <translation>La inscripción para este campamento ya cerró.</translation>
        </message>
        <message>
            <source>Your cart is empty.</source>
            <translation>Su carrito está vacío.</translation>
        </message>
        <message>
            <source>Your cart is full. Please check out first.</source>
            <translation>Su carrito está lleno. Primero finalice la compra.</translation>
        </message>
        <message>
            <source>That item is no longer in your cart.</source>
            <translation>Ese artículo ya no está en su carrito.</translation>
        </message>
        <message>
            <source>Please choose how to pay.</source>
            <translation>Elija cómo desea pagar.</translation>
        </message>
        <message>
            <source>Please ask at the front desk to register for this class.</source>
            <translation>Pregunte en la recepción para inscribirse en esta clase.</translation>
        </message>
        <message>
            <source>Registration for this class has closed.</source>
            <translation>La inscripción para esta clase ya cerró.</translation>
        </message>
        <message>
            <source>That camp is full. Join the waitlist?</source>
            <translation>Ese campamento está lleno. ¿Quiere unirse a la lista de espera?</translation>
        </message>
        <message>
            <source>That class is full. Join the waitlist?</source>
            <translation>Esa clase está llena. ¿Quiere unirse a la lista de espera?</translation>
        </message>
        <message>
            <source>That camp is full.</source>
            <translation>Ese campamento está lleno.</translation>
        </message>
        <message>
            <source>That class is full.</source>
            <translation>Esa clase está llena.</translation>
        </message>
        <message>
            <source>Please choose a party package.</source>
            <translation>Elija un paquete de fiesta.</translation>
        </message>
        <message>
            <source>Please choose a date.</source>
            <translation>Elija una fecha.</translation>
        </message>
        <message>
            <source>Please choose the birthday child.</source>
            <translation>Elija al niño o la niña que cumple años.</translation>
        </message>
        <message>
            <source>We could not find that party package.</source>
            <translation>No pudimos encontrar ese paquete de fiesta.</translation>
        </message>
        <message>
            <source>That party time is not available. Please choose another.</source>
            <translation>Esa hora para la fiesta no está disponible. Elija otra.</translation>
        </message>
        <message>
            <source>Sorry, that is sold out.</source>
            <translation>Lo sentimos, está agotado.</translation>
        </message>
        <message>
            <source>Please choose a product.</source>
            <translation>Elija un producto.</translation>
        </message>
        <message>
            <source>We could not find that product.</source>
            <translation>No pudimos encontrar ese producto.</translation>
        </message>
        <message>
            <source>Please enter the recipient's email address.</source>
            <translation>Escriba el correo electrónico de quien lo recibe.</translation>
        </message>
    </context>
    <context>
        <name>symbols</name>
        <message>
            <source>Backspace</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Letters</source>
            <translation>Letras</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espacio</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Intro</translation>
        </message>
    </context>
</TS>
